// GET /api/report/{year}.xlsx: the yearly report's figures as a workbook (exceljs), one sheet
// each for Sammanfattning, Handlingsplan, Lokal uppföljning, Lokala aktiviteter, Effektmått and
// Historik. Dates are real Excel dates in Swedish time, every sheet has its filter and widths.
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

function sheet(book: ExcelJS.Workbook, name: string, columns: Column[], rows: Array<Record<string, unknown>>) {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { alignment: { wrapText: true, vertical: 'top' }, ...(c.date ? { numFmt: 'yyyy-mm-dd hh:mm' } : c.count ? { numFmt: '#,##0' } : {}) } }));
  ws.getRow(1).font = { bold: true };
  ws.addRows(rows);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
  return ws;
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
  const book = new ExcelJS.Workbook();
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
    report.arenas.flatMap((a) => a.local.map((r) => ({ arena: a.name, submittedAt: a.submission ? excelDate(a.submission.submittedAt) : null, ...subRow(r) }))),
  );

  const measureSheet = sheet(
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
  );
  // The sums are numbers with their own decimals ("7,1", "1 282" in a Swedish Excel).
  for (const key of ['total', 'previousTotal']) {
    measureSheet.getColumn(key).eachCell((cell) => {
      if (typeof cell.value === 'number') cell.numFmt = numberFormat(cell.value);
    });
  }

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
    changes.map((e) => ({ at: excelDate(e.at), arena: report.arenaNames[e.scopeId] ?? e.scopeId, title: e.title, parent: e.parent ?? '', lines: e.lines.join('\n'), comment: e.comment ?? '', actor: e.actor })),
  );

  return Buffer.from(await book.xlsx.writeBuffer());
}
