// GET /api/export.xlsx: the action plan with live status as an Excel workbook (exceljs).
// Sheet "Handlingsplan": every county-wide sub-activity of Bilaga 1; sheet "Lokala aktiviteter":
// every arena's own activities.
import ExcelJS from 'exceljs';
import type { ActivityView, PlanView } from '../domain/planView';

const COLUMNS = [
  { header: 'Strategi', key: 'strategy', width: 28 },
  { header: 'Aktivitet', key: 'activity', width: 40 },
  { header: 'Prioritet', key: 'period', width: 11 },
  { header: 'Delaktivitet', key: 'sub', width: 50 },
  { header: 'Mått', key: 'measure', width: 30 },
  { header: 'Målvärde', key: 'target', width: 18 },
  { header: 'Status', key: 'status', width: 15 },
  { header: 'Statusanteckning', key: 'note', width: 40 },
  { header: 'Svar på mått', key: 'answer', width: 18 },
  { header: 'Senast ändrad', key: 'updatedAt', width: 20 },
  { header: 'Ändrad av', key: 'updatedBy', width: 22 },
] as const;

function rows(strategyName: (id: string) => string, activities: ActivityView[]) {
  return activities.flatMap((a) =>
    a.subActivities.map((d) => ({
      strategy: strategyName(a.strategyId),
      activity: a.title,
      period: a.period.label,
      sub: d.title,
      measure: d.measure,
      target: d.target,
      status: d.statusLabel,
      note: d.statusNote,
      answer: d.measureAnswer,
      updatedAt: d.updatedAt ? new Date(d.updatedAt).toISOString().slice(0, 16).replace('T', ' ') : '',
      updatedBy: d.updatedBy ?? '',
    })),
  );
}

function sheet(book: ExcelJS.Workbook, name: string, columns: Array<{ header: string; key: string; width: number }>) {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ ...c, style: { alignment: { wrapText: true, vertical: 'top' } } }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

export async function exportWorkbook(view: PlanView, now: Date): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Gemensam plan';
  book.created = now;
  const strategyName = (id: string) => {
    const s = view.strategies.find((x) => x.id === id);
    return s ? `${s.number}. ${s.title}` : id;
  };
  const plan = sheet(book, 'Handlingsplan', [...COLUMNS]);
  plan.addRows(rows(strategyName, view.strategies.flatMap((s) => s.activities)));
  const local = sheet(book, 'Lokala aktiviteter', [{ header: 'Arena', key: 'arena', width: 16 }, ...COLUMNS]);
  for (const arena of view.arenas) local.addRows(rows(strategyName, arena.activities).map((r) => ({ arena: arena.name, ...r })));
  return Buffer.from(await book.xlsx.writeBuffer());
}
