// GET /api/report/{year}.xlsx: the yearly report's figures as a workbook (exceljs), one sheet
// each for Sammanfattning, Handlingsplan, Lokal uppföljning, Lokala aktiviteter, Effektmått and
// Historik. Dates are real Excel dates in Swedish time, every sheet has its filter and widths.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { PLAN_TIME_ZONE } from '../domain/followUp';
import type { HistoryEvent } from '../domain/historyEvents';
import { SUMMARY_COLUMNS, TARGET_LABEL, type Report, type ReportSubRow } from '../domain/report';

export const REPORT_SHEETS = ['Sammanfattning', 'Handlingsplan', 'Lokal uppföljning', 'Lokala aktiviteter', 'Effektmått', 'Historik'] as const;

const parts = new Intl.DateTimeFormat('en-GB', { timeZone: PLAN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/**
 * A moment as the Excel date a Swede reads: Excel dates have no time zone, and exceljs writes a
 * Date's UTC fields, so the Date carries Stockholm's wall-clock time in them.
 */
export function excelDate(iso: string): Date {
  const p = Object.fromEntries(parts.formatToParts(new Date(iso)).map((x) => [x.type, Number(x.value)]));
  return new Date(Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!));
}

type Column = { header: string; key: string; width: number; date?: boolean; count?: boolean };

/** A number's format as Excel codes it (a Swedish Excel shows "1 282" and "7,1"): its own decimals, a group separator. */
export function numberFormat(n: number): string {
  const decimals = Math.min((String(n).split('.')[1] ?? '').length, 4);
  return decimals ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
}

type Book = ExcelJS.stream.xlsx.WorkbookWriter;
type Style = Partial<ExcelJS.Style>;

/**
 * A sheet written row by row (ExcelJS's streaming writer: each row turned into XML as it is added
 * and let go, not the whole workbook held and styled cell by cell first). Every cell of a column
 * shares one style object, which the writer numbers once (its styles are kept by object); `style`
 * may give a cell another shared one (a number's own format).
 */
function sheet(book: Book, name: string, columns: Column[], rows: Iterable<Record<string, unknown>>, style?: (key: string, value: unknown) => Style | undefined): void {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const styles: Style[] = columns.map((c) => ({ alignment: { wrapText: true, vertical: 'top' }, ...(c.date ? { numFmt: 'yyyy-mm-dd hh:mm' } : c.count ? { numFmt: '#,##0' } : {}) }));
  ws.columns = columns.map((c, i) => ({ key: c.key, width: c.width, style: styles[i]! }));
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  let count = 0;
  for (const values of rows) {
    const row = ws.addRow(columns.map((c) => values[c.key] ?? null));
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.style = style?.(c.key, cell.value) ?? styles[i]!;
    });
    row.commit();
    count++;
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, count + 1), column: columns.length } };
  ws.commit();
}

const SUB_COLUMNS: Column[] = [
  { header: 'Strategi', key: 'strategy', width: 9 },
  { header: 'Aktivitet', key: 'activity', width: 40 },
  { header: 'Prioritet', key: 'priority', width: 11 },
  { header: 'Delaktivitet', key: 'sub', width: 50 },
  { header: 'Status', key: 'status', width: 24 },
  { header: 'Försenad', key: 'overdue', width: 10 },
  { header: 'Statusanteckning', key: 'note', width: 40 },
  { header: 'Mått', key: 'measure', width: 30 },
  { header: 'Målvärde', key: 'target', width: 18 },
  { header: 'Svar på mått', key: 'answer', width: 20 },
  { header: 'Senast ändrad', key: 'updatedAt', width: 17, date: true },
  { header: 'Ändrad av', key: 'updatedBy', width: 22 },
];

function subRow(r: ReportSubRow): Record<string, unknown> {
  return {
    strategy: r.strategyNumber,
    activity: r.activityTitle,
    priority: r.priority,
    sub: r.subTitle,
    status: r.statusText,
    overdue: r.overdue ? 'Ja' : '',
    note: r.statusNote,
    measure: r.measure,
    target: r.target,
    answer: r.measureAnswer,
    updatedAt: r.updatedAt ? excelDate(r.updatedAt) : null,
    updatedBy: r.updatedBy ?? '',
  };
}

/** The workbook; `changes`: every change of the period, newest first (the Historik sheet lists each). */
export async function reportXlsx(report: Report, changes: HistoryEvent[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = 'Gemensam plan';
  book.title = report.title;

  const withChange = Boolean(report.previous);
  sheet(
    book,
    'Sammanfattning',
    [
      { header: 'Strategi', key: 'strategy', width: 40 },
      ...SUMMARY_COLUMNS.flatMap((c) => [{ header: c.label, key: c.key, width: 12, count: true }, ...(withChange ? [{ header: `${c.label}, förändring`, key: `${c.key}Change`, width: 12, count: true }] : [])]),
      { header: 'Totalt', key: 'total', width: 9, count: true },
    ],
    [...report.summary.strategies, report.summary.total].map((s) => ({
      strategy: s.number ? `${s.number}. ${s.title}` : s.title,
      ...Object.fromEntries(SUMMARY_COLUMNS.flatMap((c) => [[c.key, s.counts[c.key]], ...(withChange && s.change ? [[`${c.key}Change`, s.change[c.key]]] : [])])),
      total: s.counts.total,
    })),
  );

  sheet(book, 'Handlingsplan', SUB_COLUMNS, report.actionPlan.map(subRow));

  const arenaColumns: Column[] = [{ header: 'Arena', key: 'arena', width: 16 }, { header: 'Inlämnad', key: 'submittedAt', width: 17, date: true }];
  sheet(
    book,
    'Lokal uppföljning',
    [...arenaColumns, ...SUB_COLUMNS, { header: 'Länets status', key: 'county', width: 24 }],
    report.arenas.flatMap((a) => a.bilaga1.map((r) => ({ arena: a.name, submittedAt: a.submission ? excelDate(a.submission.submittedAt) : null, ...subRow(r), county: r.countyStatus ?? '' }))),
  );
  sheet(
    book,
    'Lokala aktiviteter',
    [...arenaColumns, ...SUB_COLUMNS],
    (function* () {
      for (const a of report.arenas) for (const r of a.local) yield { arena: a.name, submittedAt: a.submission ? excelDate(a.submission.submittedAt) : null, ...subRow(r) };
    })(),
  );

  // The sums are numbers with their own decimals ("7,1", "1 282" in a Swedish Excel): one shared style per format.
  const sums = new Map<string, Style>();
  const sumStyle = (key: string, value: unknown): Style | undefined => {
    if ((key !== 'total' && key !== 'previousTotal') || typeof value !== 'number') return undefined;
    const numFmt = numberFormat(value);
    if (!sums.has(numFmt)) sums.set(numFmt, { alignment: { wrapText: true, vertical: 'top' }, numFmt });
    return sums.get(numFmt);
  };
  sheet(
    book,
    'Effektmått',
    [
      { header: 'Strategi', key: 'strategy', width: 9 },
      { header: 'Effektmått', key: 'measure', width: 50 },
      { header: 'Målvärde', key: 'target', width: 30 },
      { header: 'Riktning', key: 'direction', width: 12 },
      { header: 'Arena', key: 'arena', width: 22 },
      { header: 'Period', key: 'period', width: 18 },
      { header: 'Värde', key: 'value', width: 24 },
      { header: 'Summa', key: 'total', width: 10 },
      { header: 'Året före', key: 'previous', width: 24 },
      { header: 'Summa året före', key: 'previousTotal', width: 10 },
      { header: 'Målet', key: 'met', width: 18 },
      { header: 'Bedömning', key: 'text', width: 50 },
    ],
    report.measures.flatMap((m) =>
      m.rows.map((r) => ({
        strategy: m.strategyNumber,
        measure: m.title,
        target: m.target,
        direction: m.directionText,
        arena: r.arenaName,
        period: r.periodLabel,
        value: r.value ?? '',
        total: r.total,
        previous: r.previous ?? '',
        previousTotal: r.previousTotal,
        met: TARGET_LABEL[r.target],
        text: r.targetText,
      })),
    ),
    sumStyle,
  );

  sheet(
    book,
    'Historik',
    [
      { header: 'När', key: 'at', width: 17, date: true },
      { header: 'Arena', key: 'arena', width: 22 },
      { header: 'Vad', key: 'title', width: 45 },
      { header: 'Del av', key: 'parent', width: 35 },
      { header: 'Ändring', key: 'lines', width: 50 },
      { header: 'Kommentar', key: 'comment', width: 35 },
      { header: 'Vem', key: 'actor', width: 22 },
    ],
    // Row by row as they are written: 300 arenas' year is 299,000 changes.
    (function* () {
      for (const e of changes) yield { at: excelDate(e.at), arena: report.arenaNames[e.scopeId] ?? e.scopeId, title: e.title, parent: e.parent ?? '', lines: e.lines.join('\n'), comment: e.comment ?? '', actor: e.actor };
    })(),
  );

  await book.commit();
  return Buffer.concat(chunks);
}
