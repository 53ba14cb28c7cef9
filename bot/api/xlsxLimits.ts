// Measures an uploaded .xlsx before exceljs parses it: a small file can unpack to gigabytes (a
// "zip bomb") and a parser holds every cell in memory. Each part is inflated as a stream and
// counted, and the reading stops at the first limit passed, long before memory is at risk.
import JSZip from 'jszip';
import { formatAmount } from '../domain/measureValues';

/** Far above the export's own size (about 1 MB unpacked for the whole plan with years of values). */
export const XLSX_MAX_UNPACKED_BYTES = 25 * 1024 * 1024;
/** Cells in all sheets together: the export has a few thousand; the upload reads at most UPLOAD_MAX_ROWS rows. */
export const XLSX_MAX_CELLS = 150_000;
const MAX_PARTS = 200;

export type XlsxSize = { ok: true; bytes: number; cells: number } | { ok: false; message: string };

const TOO_LARGE = 'Filen är för stor uppackad för att vara en export av planen. Utgå från Excel-exporten och ladda upp den ifyllda filen.';

export async function measureXlsx(file: Buffer): Promise<XlsxSize> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(file, { checkCRC32: false });
  } catch {
    return { ok: false, message: 'Filen gick inte att läsa som en Excel-fil (.xlsx).' };
  }
  const parts = Object.values(zip.files).filter((f) => !f.dir);
  if (parts.length > MAX_PARTS) return { ok: false, message: TOO_LARGE };
  let bytes = 0;
  let cells = 0;
  for (const part of parts) {
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/.test(part.name);
    const outcome = await new Promise<'ok' | 'tooLarge' | 'broken'>((resolve) => {
      // A cell tag may be split between two chunks: keep the end of the previous one.
      let tail = '';
      const stream = part.nodeStream('nodebuffer');
      stream
        .on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (sheet) {
            const text = tail + chunk.toString('latin1');
            cells += text.match(/<c[\s>]/g)?.length ?? 0;
            tail = text.slice(-2);
          }
          if (bytes > XLSX_MAX_UNPACKED_BYTES || cells > XLSX_MAX_CELLS) {
            stream.pause();
            stream.removeAllListeners('data');
            resolve('tooLarge');
          }
        })
        .on('error', () => resolve('broken'))
        .on('end', () => resolve('ok'));
    });
    if (outcome === 'tooLarge') return { ok: false, message: cells > XLSX_MAX_CELLS ? `Filen har fler än ${formatAmount(XLSX_MAX_CELLS)} celler. Utgå från Excel-exporten och ladda upp den ifyllda filen.` : TOO_LARGE };
    if (outcome === 'broken') return { ok: false, message: 'Filen gick inte att läsa som en Excel-fil (.xlsx).' };
  }
  return { ok: true, bytes, cells };
}
