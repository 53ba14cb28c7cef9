// Bulk entry of effect-measure values from an Excel file with the columns of the export's
// "Effektmått" sheet (bot/api/exportXlsx.ts). Every row is checked first, through the same
// checks as a value typed in the bot or the tab (checkMeasureReport); if any row is wrong the
// whole upload is refused with the rows' errors and nothing is written. Otherwise each value is
// written through the one report use case, with its history row, as if typed by someone who had
// the value of the export in front of them (the sheet's hidden Version column): a value changed
// since is not written but listed with both values, and the same sheet uploaded again changes
// nothing. If the store fails midway, the answer says exactly which rows were written.
import ExcelJS from 'exceljs';
import { formatDateTime, joinSwedish } from '../domain/format';
import { categoriesOf, describeValues, valueInputId, type MeasureValueRecord } from '../domain/measureValues';
import { checkMeasureReport, reportMeasureValue, type ReportMeasureContext } from '../useCases/reportMeasureValue';
import { MEASURE_COLUMNS, MEASURE_SHEET } from './exportXlsx';
import { measureXlsx } from './xlsxLimits';

/** At most this many rows in one upload: far above a year's values for the whole county. */
export const UPLOAD_MAX_ROWS = 2000;

export interface RowError {
  /** The row number as Excel shows it (the header is row 1). */
  row: number;
  errors: string[];
}

/** A value changed since the export (or during the upload): not written, both values shown. */
export interface UploadConflict {
  rows: number[];
  message: string;
  /** The file's value and the stored one, in words ("Barn och unga: 12 · Vuxna: 30"). */
  fileValue: string;
  storedValue: string;
}

export interface UploadWritten {
  saved: number;
  unchanged: number;
  conflicts: UploadConflict[];
  /** Rows whose value was written by this upload. */
  written: number[];
}

export type UploadResult =
  | { kind: 'refused'; message: string; rows: RowError[] }
  | ({ kind: 'written' } & UploadWritten)
  /** The store failed midway: `written` were written, `uncertain` may have been, `notWritten` were not. */
  | ({ kind: 'failed'; message: string; uncertain: number[]; notWritten: number[] } & UploadWritten);

interface SheetRow {
  row: number;
  measureId: string;
  periodId: string;
  arenaId: string;
  category: string;
  value: unknown;
  comment: string;
  /** The value's version when the sheet was exported (0: none yet). */
  version: number;
}

/** Text of a cell as a person sees it (numbers kept as numbers). */
function cellValue(cell: ExcelJS.CellValue): unknown {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number' || typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'ja' : 'nej';
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === 'object' && 'richText' in cell) return cell.richText.map((r) => r.text).join('');
  if (typeof cell === 'object' && 'result' in cell) return cellValue(cell.result as ExcelJS.CellValue);
  if (typeof cell === 'object' && 'text' in cell) return String(cell.text);
  return String(cell);
}

const text = (v: unknown) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '');

/** Reads the sheet's rows, or says what is wrong with the file itself. */
export async function readMeasureSheet(file: Buffer): Promise<{ ok: true; rows: SheetRow[] } | { ok: false; message: string }> {
  // Measured before exceljs holds it in memory: a small file can unpack to gigabytes.
  const size = await measureXlsx(file);
  if (!size.ok) return size;
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return { ok: false, message: 'Filen gick inte att läsa som en Excel-fil (.xlsx).' };
  }
  const sheet = book.getWorksheet(MEASURE_SHEET) ?? (book.worksheets.length === 1 ? book.worksheets[0] : undefined);
  if (!sheet) return { ok: false, message: `Filen saknar bladet "${MEASURE_SHEET}". Utgå från Excel-exporten och fyll i bladet ${MEASURE_SHEET}.` };
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).map((v) => text(cellValue(v)));
  const column = new Map<string, number>();
  for (const c of MEASURE_COLUMNS) {
    const index = header.indexOf(c.header);
    if (index > 0) column.set(c.key, index);
  }
  const missing = ['measureId', 'periodId', 'arenaId', 'category', 'value', 'comment'].filter((k) => !column.has(k));
  if (missing.length) {
    return { ok: false, message: `Bladet ${MEASURE_SHEET} saknar kolumnerna ${missing.map((k) => MEASURE_COLUMNS.find((c) => c.key === k)!.header).join(', ')}.` };
  }
  if (!column.has('version')) {
    return { ok: false, message: `Bladet ${MEASURE_SHEET} saknar den dolda kolumnen Version, som visar vilka värden filen utgick från. Ladda ned en ny Excel-export och fyll i den.` };
  }
  if (sheet.rowCount - 1 > UPLOAD_MAX_ROWS) return { ok: false, message: `Filen har fler än ${UPLOAD_MAX_ROWS} rader. Dela upp den.` };
  const rows: SheetRow[] = [];
  sheet.eachRow((r, number) => {
    if (number === 1) return;
    const get = (key: string) => cellValue(r.getCell(column.get(key)!).value);
    const version = Number(text(get('version')) || '0');
    rows.push({ row: number, measureId: text(get('measureId')), periodId: text(get('periodId')), arenaId: text(get('arenaId')), category: text(get('category')), value: get('value'), comment: text(get('comment')), version: Number.isInteger(version) && version >= 0 ? version : -1 });
  });
  return { ok: true, rows };
}

/**
 * Checks every row, then writes every value. A value (measure, period, arena) is the rows of
 * its categories together; rows with no value at all are skipped (the export's empty rows).
 */
export async function uploadMeasureValues(rows: SheetRow[], current: MeasureValueRecord[], context: ReportMeasureContext): Promise<UploadResult> {
  const groups = new Map<string, SheetRow[]>();
  for (const r of rows) {
    if (text(r.value) === '' && r.comment === '') continue;
    const key = `${r.measureId}|${r.periodId}|${r.arenaId}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const errors: RowError[] = [];
  const requests: Array<{ rows: number[]; request: Parameters<typeof reportMeasureValue>[0]; fileValue: string }> = [];
  const result: UploadWritten = { saved: 0, unchanged: 0, conflicts: [], written: [] };
  for (const group of groups.values()) {
    const first = group[0]!;
    const numbers = group.map((r) => r.row);
    const fail = (message: string) => errors.push(...numbers.map((row) => ({ row, errors: [message] })));
    const measure = context.measures.find((m) => m.id === first.measureId);
    if (!measure) {
      fail(`Effektmåttet "${first.measureId}" finns inte i planen.`);
      continue;
    }
    const categories = categoriesOf(measure);
    const inputs: Record<string, unknown> = {};
    const problems: string[] = [];
    for (const r of group) {
      const index = categories.findIndex((c) => (c ?? '') === r.category);
      if (index < 0) problems.push(`Kategorin "${r.category}" finns inte för effektmåttet (${categories.filter(Boolean).join(', ') || 'ingen kategori'}).`);
      else if (valueInputId(index) in inputs) problems.push('Samma värde står på flera rader.');
      else inputs[valueInputId(index)] = typeof r.value === 'number' ? r.value : text(r.value);
    }
    const version = Math.max(...group.map((r) => r.version));
    if (group.some((r) => r.version < 0 || r.version !== version)) problems.push('Kolumnen Version är ändrad. Ladda ned en ny Excel-export och fyll i den.');
    if (problems.length) {
      errors.push(...numbers.map((row) => ({ row, errors: problems })));
      continue;
    }
    const comment = group.map((r) => r.comment).find((c) => c !== '') ?? '';
    const stored = current.find((v) => v.measureId === measure.id && v.periodId === first.periodId && v.arenaId === first.arenaId);
    // As if typed by someone who saw the value of the export: an ETag that matches only while the
    // stored value is still that version (the use case answers Unchanged for an equal value first).
    const seenEtag = (stored?.version ?? 0) === version ? (stored?.etag ?? '') : `exported-version-${version}`;
    const request = { measureId: first.measureId, arenaId: first.arenaId, periodId: first.periodId.toUpperCase(), etag: seenEtag, seenVersion: version, inputs: { ...inputs, comment } };
    const checked = await checkMeasureReport(request, context);
    if (checked.kind === 'notFound') fail(`Effektmåttet "${first.measureId}" finns inte i planen.`);
    else if (checked.kind === 'refused') errors.push(...numbers.map((row) => ({ row, errors: checked.errors.length ? checked.errors : [checked.message] })));
    else requests.push({ rows: numbers, request, fileValue: describeValues(checked.report.values) });
  }
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    return { kind: 'refused', message: `Ingenting sparades: ${errors.length === 1 ? 'en rad behöver' : `${new Set(errors.map((e) => e.row)).size} rader behöver`} rättas.`, rows: errors };
  }
  if (requests.length === 0) return { kind: 'refused', message: 'Filen innehöll inga värden att spara.', rows: [] };

  for (const [index, { rows: numbers, request, fileValue }] of requests.entries()) {
    let outcome;
    try {
      outcome = await reportMeasureValue(request, context);
    } catch {
      // The store failed: this value may or may not have been written; the rest were not tried.
      const notWritten = requests.slice(index + 1).flatMap((r) => r.rows);
      return { kind: 'failed', message: failedMessage(result.written, numbers, notWritten), uncertain: numbers, notWritten, ...result };
    }
    if (outcome.kind === 'saved') {
      result.saved += 1;
      result.written.push(...numbers);
    } else if (outcome.kind === 'unchanged') result.unchanged += 1;
    else if (outcome.kind === 'conflict' && outcome.current.current) result.conflicts.push(conflictOf(numbers, fileValue, outcome.current.current));
    else result.conflicts.push({ rows: numbers, message: 'Värdet sparades inte.', fileValue, storedValue: '' });
  }
  return { kind: 'written', ...result };
}

function conflictOf(rows: number[], fileValue: string, stored: MeasureValueRecord): UploadConflict {
  const storedValue = describeValues(stored.values);
  return {
    rows,
    message: `Värdet har ändrats sedan filen exporterades: nu ${storedValue} (${stored.reportedBy}, ${formatDateTime(stored.reportedAt)}). Filens värde ${fileValue} sparades inte.`,
    fileValue,
    storedValue,
  };
}

const rowList = (rows: number[]) => `${rows.length === 1 ? 'rad' : 'rader'} ${joinSwedish(rows.map(String))}`;

function failedMessage(written: number[], uncertain: number[], notWritten: number[]): string {
  return [
    'Lagringen slutade svara under uppladdningen.',
    written.length ? `Sparade: ${rowList(written)}.` : 'Inga värden hann sparas.',
    `Oklart om ${rowList(uncertain)} sparades.`,
    notWritten.length ? `Inte sparade: ${rowList(notWritten)}.` : '',
    'Ladda upp samma fil igen om en stund: det som redan är sparat räknas då som oförändrat.',
  ].filter(Boolean).join(' ');
}
