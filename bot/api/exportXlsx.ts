// GET /api/export.xlsx: the action plan with live status as an Excel workbook (exceljs).
// Sheet "Handlingsplan": every county-wide sub-activity of Bilaga 1; sheet "Lokala aktiviteter":
// every arena's own activities; sheet "Effektmått": every reported effect-measure value (one row
// per breakdown category), plus empty rows for the current period's missing values, so that the
// same sheet, filled in, can be uploaded (bot/api/measureUpload.ts). Values stored at a level the
// measure no longer has (a municipality's value of a measure since decided at region level) are
// kept on a sheet of their own, to read: the upload never writes them.
import { answerText } from '../domain/measureQuestions';
import ExcelJS from 'exceljs';
import { statusText } from '../domain/followUp';
import { comparePeriods, lastCompletedPeriod } from '../domain/measurePeriods';
import { atEarlierLevel, categoriesOf, reportableArenas, valueArenaName, type MeasureValueRecord } from '../domain/measureValues';
import { EARLIER_LEVEL_TEXT } from '../domain/report';
import type { ActivityView, PlanView } from '../domain/planView';
import { excelDate } from './reportExcel';

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
  { header: 'Senast ändrad', key: 'updatedAt', width: 20, date: true },
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
      // Honest: what nobody has followed up says so, with the plan's own status as its starting point.
      status: statusText(d),
      note: d.statusNote,
      answer: answerText(d),
      // A real date in Swedish time (the text was UTC).
      updatedAt: d.updatedAt ? excelDate(d.updatedAt) : '',
      updatedBy: d.updatedBy ?? '',
    })),
  );
}

function sheet(book: ExcelJS.Workbook, name: string, columns: ReadonlyArray<{ header: string; key: string; width: number; hidden?: boolean; date?: boolean }>) {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map(({ date, ...c }) => ({ ...c, style: { alignment: { wrapText: true, vertical: 'top' }, ...(date ? { numFmt: 'yyyy-mm-dd hh:mm' } : {}) } }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

/** The effect-measure sheet's name and columns: the upload reads the same ones. */
export const MEASURE_SHEET = 'Effektmått';
export const MEASURE_COLUMNS = [
  { header: 'Effektmått-id', key: 'measureId', width: 12 },
  { header: 'Effektmått', key: 'measure', width: 50 },
  { header: 'Period', key: 'periodId', width: 10 },
  { header: 'Arena-id', key: 'arenaId', width: 12 },
  { header: 'Arena', key: 'arena', width: 24 },
  { header: 'Kategori', key: 'category', width: 16 },
  { header: 'Värde', key: 'value', width: 14 },
  { header: 'Kommentar', key: 'comment', width: 40 },
  { header: 'Rapporterat av', key: 'reportedBy', width: 22 },
  { header: 'Rapporterat', key: 'reportedAt', width: 18, date: true },
  // Hidden: the value's version at export (0: none yet). The upload writes a row only if the
  // stored value is still that version, so an old sheet never overwrites a newer value.
  { header: 'Version', key: 'version', width: 8, hidden: true },
] as const;

function measureRows(view: PlanView, values: MeasureValueRecord[], now: Date) {
  const rows: Array<Record<string, string | number | Date>> = [];
  for (const measure of view.strategies.flatMap((s) => s.effectMeasures)) {
    // The arenas values are reported for now (with the county figure); an empty row for each value of the period asked for.
    const arenas = reportableArenas(measure, view.arenas);
    const own = values.filter((v) => v.measureId === measure.id && arenas.some((a) => a.id === v.arenaId));
    const open = lastCompletedPeriod(measure.frequency, now);
    const keys = [...own.map((v) => ({ periodId: v.periodId, arenaId: v.arenaId })), ...arenas.filter((a) => !own.some((v) => v.periodId === open && v.arenaId === a.id)).map((a) => ({ periodId: open, arenaId: a.id }))];
    keys.sort((a, b) => comparePeriods(a.periodId, b.periodId) || arenas.findIndex((x) => x.id === a.arenaId) - arenas.findIndex((x) => x.id === b.arenaId));
    for (const key of keys) {
      const value = own.find((v) => v.periodId === key.periodId && v.arenaId === key.arenaId);
      const arena = arenas.find((a) => a.id === key.arenaId)!;
      categoriesOf(measure).forEach((category, i) => {
        const amount = value?.values[i]?.value;
        rows.push({
          measureId: measure.id,
          measure: measure.title,
          periodId: key.periodId,
          arenaId: arena.id,
          arena: arena.kind === 'county' ? (measure.level === 'region' ? 'Regionen' : valueArenaName(measure, arena) === arena.name ? 'Länet' : valueArenaName(measure, arena)) : arena.name,
          category: category ?? '',
          // Numbers stay numbers in Excel (shown the Swedish way by a Swedish Excel); ja/nej as text.
          value: amount === undefined ? '' : amount,
          comment: i === 0 ? (value?.comment ?? '') : '',
          reportedBy: value?.reportedBy ?? '',
          reportedAt: value ? excelDate(value.reportedAt) : '',
          version: value?.version ?? 0,
        });
      });
    }
  }
  return rows;
}

/** The sheet of values reported at an earlier level of their measure: read-only, never uploaded. */
export const EARLIER_LEVEL_SHEET = 'Effektmått tidigare nivå';

/** Values of a measure reported for an arena it is no longer reported for (plan file revised), one row per category. */
function earlierLevelRows(view: PlanView, values: MeasureValueRecord[]) {
  const rows: Array<Record<string, string | number | Date>> = [];
  for (const measure of view.strategies.flatMap((s) => s.effectMeasures)) {
    const earlier = values.filter((v) => v.measureId === measure.id && atEarlierLevel(measure, view.arenas, v));
    earlier.sort((a, b) => comparePeriods(a.periodId, b.periodId) || a.arenaId.localeCompare(b.arenaId, 'sv'));
    for (const value of earlier) {
      const arena = view.arenas.find((a) => a.id === value.arenaId);
      value.values.forEach((v, i) => {
        rows.push({
          measureId: measure.id,
          measure: measure.title,
          periodId: value.periodId,
          arenaId: value.arenaId,
          arena: `${arena?.name ?? value.arenaId} (${EARLIER_LEVEL_TEXT})`,
          category: v.category ?? '',
          value: v.value,
          comment: i === 0 ? value.comment : '',
          reportedBy: value.reportedBy,
          reportedAt: excelDate(value.reportedAt),
        });
      });
    }
  }
  return rows;
}

export async function exportWorkbook(view: PlanView, now: Date, measureValues: MeasureValueRecord[] = []): Promise<Buffer> {
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
  const measures = sheet(book, MEASURE_SHEET, [...MEASURE_COLUMNS]);
  measures.addRows(measureRows(view, measureValues, now));
  const earlier = earlierLevelRows(view, measureValues);
  if (earlier.length > 0) sheet(book, EARLIER_LEVEL_SHEET, MEASURE_COLUMNS.filter((c) => c.key !== 'version')).addRows(earlier);
  return Buffer.from(await book.xlsx.writeBuffer());
}
