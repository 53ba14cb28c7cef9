// The effect measures (effektmått): "mått" shows them with their latest values and whether the
// target is met; Rapportera opens the report form; Spara validates, checks who may report the
// value, and stores it with its history (a stale form is refused with the current value).
import type { CardJson } from '../cards/bind';
import { measureFormCard, measureSavedCard, type MeasureTarget } from '../cards/measureFormCard';
import { measuresCard } from '../cards/measuresCard';
import { messageCard } from '../cards/messageCard';
import { mayChange } from '../domain/authorization';
import { currentPeriod, isPeriodOf, periodLabel, previousComparablePeriod, reportablePeriods } from '../domain/measurePeriods';
import { categoriesOf, isPerMunicipality, parseMeasureReport, reportedHere, valueArenas, valueInputId, type MeasureAmount } from '../domain/measureValues';
import type { Arena, EffectMeasure } from '../domain/plan';
import { ID_PATTERN } from '../domain/planSchema';
import type { PlanContentView } from '../domain/planView';
import type { Feature } from './feature';
import { cards, type ArenaTurn, type Reply } from './turn';

export const measuresFeature: Feature = {
  commands: { measures: showMeasures },
  actions: { editMeasureValue: openForm, saveMeasureValue: saveValue },
};

function allMeasures(view: PlanContentView): EffectMeasure[] {
  return view.strategies.flatMap((s) => s.effectMeasures);
}

/** "mått": every effect measure with its values; one partition query per measure. */
async function showMeasures(at: ArenaTurn): Promise<Reply> {
  const measures = allMeasures(at.view);
  const values = new Map(await Promise.all(measures.map(async (m) => [m.id, await at.services.measures.values(m.id)] as const)));
  return cards(measuresCard({ arena: at.arena, arenas: at.view.arenas, strategies: at.view.strategies, values, now: at.services.now() }));
}

/** Rapportera: the form for the measure's value of the period, for the arena this channel reports. */
async function openForm(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const target = resolveTarget(at, data);
  if (!target.ok) return target.card;
  const refusal = refuse(at, target.value);
  if (refusal) return refusal;
  const { measure, periodId, arena } = target.value;
  const [current, previousComparable] = await Promise.all([
    at.services.measures.get(measure.id, periodId, arena.id),
    at.services.measures.get(measure.id, previousComparablePeriod(periodId), arena.id),
  ]);
  return measureFormCard({ ...target.value, ...(current ? { current } : {}), ...(previousComparable ? { previousComparable } : {}) });
}

/** Spara: validate, authorize, store; a conflict shows the current value and keeps the person's entry. */
async function saveValue(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const target = resolveTarget(at, data);
  if (!target.ok) return target.card;
  const refusal = refuse(at, target.value);
  if (refusal) return refusal;
  const { measure, periodId, arena } = target.value;
  const store = at.services.measures;
  const now = at.services.now();

  const parsed = parseMeasureReport(data, { measures: allMeasures(at.view), arenas: at.view.arenas, periodsOpen: (m) => reportablePeriods(m.frequency, now) });
  if (!parsed.ok) {
    const [current, previousComparable] = await Promise.all([store.get(measure.id, periodId, arena.id), store.get(measure.id, previousComparablePeriod(periodId), arena.id)]);
    return measureFormCard({
      ...target.value,
      ...(current ? { current } : {}),
      ...(previousComparable ? { previousComparable } : {}),
      entered: enteredFrom(measure, data),
      errors: parsed.errors,
      // Keep the ETag the person started from: a report made meanwhile must still be a conflict.
      etag: typeof data.etag === 'string' && data.etag.length <= 200 ? data.etag : '',
    });
  }

  const report = parsed.value;
  const outcome = await store.report({ ...report, actor: at.turn.actor });
  const previousComparable = await store.get(measure.id, previousComparablePeriod(periodId), arena.id);
  if (outcome.kind === 'conflict') {
    return measureFormCard({
      ...target.value,
      current: outcome.current,
      ...(previousComparable ? { previousComparable } : {}),
      entered: { values: Object.fromEntries(report.values.map((v, i) => [i, v.value])), comment: report.comment },
      conflict: true,
    });
  }
  at.services.log.info({ measureId: measure.id, periodId, arenaId: arena.id, version: outcome.value.version }, 'Effect measure value reported');
  return measureSavedCard({ ...target.value, value: outcome.value, ...(previousComparable ? { previousComparable } : {}), ...(outcome.previous ? { replaced: outcome.previous } : {}) });
}

type Resolved = { ok: true; value: MeasureTarget } | { ok: false; card: CardJson };

/**
 * Which measure, period and arena a card action is about, checked against the plan. The arena
 * defaults to the one this channel reports the measure for, the period to the current one.
 */
function resolveTarget(at: ArenaTurn, data: Record<string, unknown>): Resolved {
  const measureId = data.measureId;
  const measure = typeof measureId === 'string' && ID_PATTERN.test(measureId) ? allMeasures(at.view).find((m) => m.id === measureId) : undefined;
  if (!measure) return invalid('Effektmåttet finns inte i planen.');

  const arenas = valueArenas(measure, at.view.arenas);
  let arena: Arena | undefined;
  if (data.arenaId === undefined) {
    arena = reportedHere(measure, at.arena) ? (arenas.find((a) => a.id === at.arena.id) ?? arenas[0]) : undefined;
    if (!arena) return refusedCard(at, measure, isPerMunicipality(measure) ? undefined : arenas[0]);
  } else {
    arena = typeof data.arenaId === 'string' ? arenas.find((a) => a.id === data.arenaId) : undefined;
    if (!arena) return invalid('Kortet anger en arena som inte rapporterar det här effektmåttet.');
  }

  const now = at.services.now();
  let periodId = currentPeriod(measure.frequency, now);
  if (data.periodId !== undefined) {
    if (!isPeriodOf(measure.frequency, data.periodId)) return invalid('Kortet anger en period som inte finns för det här effektmåttet.');
    if (!reportablePeriods(measure.frequency, now).includes(data.periodId)) {
      return invalid(`Perioden ${periodLabel(data.periodId)} är inte längre öppen för rapportering. Skriv "mått" för att rapportera för ${periodLabel(periodId)}.`);
    }
    periodId = data.periodId;
  }
  return { ok: true, value: { measure, periodId, arena } };
}

/** The refusal card when this chat may not report the arena's value, else undefined. */
function refuse(at: ArenaTurn, target: MeasureTarget): CardJson | undefined {
  return mayChange(at.origin, target.arena).allowed ? undefined : refusedCard(at, target.measure, target.arena).card;
}

/** Who reports the value, and where (valueArena undefined: each municipality, in its own channel). */
function refusedCard(at: ArenaTurn, measure: EffectMeasure, valueArena: Arena | undefined): { ok: false; card: CardJson } {
  const where = (a: Arena) => (a.kind === 'county' ? `kanalen för ${a.name.toLowerCase()}` : `${a.name}s kanal`);
  const whose = !valueArena ? 'Kommunernas värden' : valueArena.kind === 'county' ? 'Länets värde' : `${valueArena.name}s värde`;
  const about = `${whose} för "${measure.title}"`;
  const text = !valueArena
    ? `${about} rapporteras av varje kommun i dess egen kanal.`
    : valueArena.id === at.arena.id
      ? `${about} rapporteras i ${where(valueArena)}, eller här av den som är med i den kanalen. Skriv något till mig i ${where(valueArena)} först.`
      : `${about} rapporteras bara från ${where(valueArena)}.`;
  return {
    ok: false,
    card: messageCard({ title: 'Värdet kan inte rapporteras här', text: `${text} Ingenting har ändrats.`, tone: 'warning', buttons: [{ title: 'Visa mått', command: 'mått' }] }),
  };
}

function invalid(reason: string): { ok: false; card: CardJson } {
  return {
    ok: false,
    card: messageCard({ title: 'Värdet sparades inte', text: `${reason} Ingenting har ändrats.`, tone: 'error', buttons: [{ title: 'Visa mått', command: 'mått' }] }),
  };
}

/** What the person entered, as far as it can be shown again in the form. */
function enteredFrom(measure: EffectMeasure, data: Record<string, unknown>): { values: Partial<Record<number, MeasureAmount>>; comment: string } {
  const values: Partial<Record<number, MeasureAmount>> = {};
  categoriesOf(measure).forEach((_, i) => {
    const raw = data[valueInputId(i)];
    if (measure.direction === 'yes') {
      if (raw === 'ja' || raw === 'nej') values[i] = raw;
      return;
    }
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d{1,10}([.,]\d{1,6})?\s*$/.test(raw) ? Number(raw.trim().replace(',', '.')) : Number.NaN;
    if (Number.isFinite(n) && n >= 0) values[i] = n;
  });
  return { values, comment: typeof data.comment === 'string' ? data.comment : '' };
}
