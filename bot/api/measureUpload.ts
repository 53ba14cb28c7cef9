// Bulk entry of effect-measure values from an Excel file with the columns of the export's
// "Effektmått" sheet (bot/api/exportXlsx.ts). Every row is checked first, through the same
// checks as a value typed in the bot or the tab (checkMeasureReport); if any row is wrong the
// whole upload is refused with the rows' errors and nothing is written. Otherwise each value is
// written through the one report use case, with its history row, as if typed.
import ExcelJS from 'exceljs';
import { categoriesOf, valueInputId, type MeasureValueRecord } from '../domain/measureValues';
import { checkMeasureReport, reportMeasureValue, type ReportMeasureContext, type ReportMeasureOutcome } from '../useCases/reportMeasureValue';
import { MEASURE_COLUMNS, MEASURE_SHEET } from './exportXlsx';

/** At most this many rows in one upload: far above a year's values for the whole county. */
export const UPLOAD_MAX_ROWS = 2000;

export interface RowError {
  /** The row number as Excel shows it (the header is row 1). */
  row: number;
  errors: string[];
}

export type UploadResult =
  | { kind: 'refused'; message: string; rows: RowError[] }
  | { kind: 'written'; saved: number; unchanged: number; conflicts: Array<{ rows: number[]; message: string }> };

interface SheetRow {
  row: number;
  measureId: string;
  periodId: string;
  arenaId: string;
  category: string;
  value: unknown;
  comment: string;
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
  if (sheet.rowCount - 1 > UPLOAD_MAX_ROWS) return { ok: false, message: `Filen har fler än ${UPLOAD_MAX_ROWS} rader. Dela upp den.` };
  const rows: SheetRow[] = [];
  sheet.eachRow((r, number) => {
    if (number === 1) return;
    const get = (key: string) => cellValue(r.getCell(column.get(key)!).value);
    rows.push({ row: number, measureId: text(get('measureId')), periodId: text(get('periodId')), arenaId: text(get('arenaId')), category: text(get('category')), value: get('value'), comment: text(get('comment')) });
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
  const requests: Array<{ rows: number[]; request: Parameters<typeof reportMeasureValue>[0] }> = [];
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
    if (problems.length) {
      errors.push(...numbers.map((row) => ({ row, errors: problems })));
      continue;
    }
    const comment = group.map((r) => r.comment).find((c) => c !== '') ?? '';
    const stored = current.find((v) => v.measureId === measure.id && v.periodId === first.periodId && v.arenaId === first.arenaId);
    // As if typed by someone who had the stored value in front of them.
    const request = { measureId: first.measureId, arenaId: first.arenaId, periodId: first.periodId.toUpperCase(), etag: stored?.etag ?? '', inputs: { ...inputs, comment } };
    const checked = await checkMeasureReport(request, context);
    if (checked.kind === 'notFound') fail(`Effektmåttet "${first.measureId}" finns inte i planen.`);
    else if (checked.kind === 'refused') errors.push(...numbers.map((row) => ({ row, errors: checked.errors.length ? checked.errors : [checked.message] })));
    else requests.push({ rows: numbers, request });
  }
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    return { kind: 'refused', message: `Ingenting sparades: ${errors.length === 1 ? 'en rad behöver' : `${new Set(errors.map((e) => e.row)).size} rader behöver`} rättas.`, rows: errors };
  }
  if (requests.length === 0) return { kind: 'refused', message: 'Filen innehöll inga värden att spara.', rows: [] };

  let saved = 0;
  let unchanged = 0;
  const conflicts: Array<{ rows: number[]; message: string }> = [];
  for (const { rows: numbers, request } of requests) {
    const outcome: ReportMeasureOutcome = await reportMeasureValue(request, context);
    if (outcome.kind === 'saved') saved += 1;
    else if (outcome.kind === 'unchanged') unchanged += 1;
    else conflicts.push({ rows: numbers, message: outcome.kind === 'conflict' ? 'Någon annan rapporterade värdet under uppladdningen; det sparades inte.' : 'Värdet sparades inte.' });
  }
  return { kind: 'written', saved, unchanged, conflicts };
}
