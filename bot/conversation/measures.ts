// The effect measures (effektmått): "mått" shows them with their values and whether the target
// is met; Rapportera opens the report form for the last completed period (any period since the
// plan's baseline year can be chosen; the county also chooses the municipality, or Hela länet,
// of a measure it reports per municipality); Spara
// goes through the one report use case (bot/useCases/reportMeasureValue.ts), whose outcome is
// mapped to a card here.
import type { CardJson } from '../cards/bind';
import { measureFormCard, measureSavedCard, type MeasureTarget } from '../cards/measureFormCard';
import { measuresCard } from '../cards/measuresCard';
import { messageCard } from '../cards/messageCard';
import { mayChange } from '../domain/authorization';
import { baselineYear, currentPeriod, isPeriodOf, lastCompletedPeriod, periodLabel, previousComparablePeriod, reportablePeriods } from '../domain/measurePeriods';
import { categoriesOf, isPerMunicipality, REPORTED_BY_COUNTY_TEXT, reportableArenas, reportedByCounty, reportedHere, reportingArena, valueInputId, parseSwedishNumber, type MeasureAmount } from '../domain/measureValues';
import type { Arena, EffectMeasure } from '../domain/plan';
import { ID_PATTERN } from '../domain/planSchema';
import type { PlanContentView } from '../domain/planView';
import { reportMeasureValue } from '../useCases/reportMeasureValue';
import type { Command } from '../domain/commands';
import type { Feature } from './feature';
import { cards, type ArenaTurn, type Reply } from './turn';

export const measuresFeature: Feature = {
  commands: { measures: showMeasures },
  actions: { editMeasureValue: openForm, saveMeasureValue: saveValue },
};

function allMeasures(view: PlanContentView): EffectMeasure[] {
  return view.strategies.flatMap((s) => s.effectMeasures);
}

/** "mått": every effect measure with its values: one partition range query for all of them. */
async function showMeasures(at: ArenaTurn, command?: Command): Promise<Reply> {
  const all = await at.services.measures.allCurrent();
  const values = new Map(allMeasures(at.view).map((m) => [m.id, all.filter((v) => v.measureId === m.id)] as const));
  const page = command?.kind === 'measures' ? command.page : undefined;
  return cards(measuresCard({ arena: at.arena, arenas: at.view.arenas, strategies: at.view.strategies, values, now: at.services.now(), ...(page ? { page } : {}) }));
}

/** The form's view of one measure, arena and period: one range read of that measure's series for the arena. */
async function formFor(at: ArenaTurn, target: MeasureTarget) {
  const series = await at.services.measures.series(target.measure.id, target.arena.id);
  const current = series.find((v) => v.periodId === target.periodId);
  const previousComparable = series.find((v) => v.periodId === previousComparablePeriod(target.periodId));
  return { ...target, periods: periodsOf(at, target.measure), arenas: arenaChoices(at, target.measure), ...(current ? { current } : {}), ...(previousComparable ? { previousComparable } : {}) };
}

/** The arenas the form lets this channel choose between (the county: each municipality and Hela länet); one or none: no choice. */
function arenaChoices(at: ArenaTurn, measure: EffectMeasure): Arena[] {
  return reportableArenas(measure, at.view.arenas).filter((a) => reportingArena(measure, a, at.view.arenas).id === at.arena.id);
}

/** The form's choices (inputs Teams sends with every button) win over the button's own period and arena. */
function chosen(data: Record<string, unknown>): Record<string, unknown> {
  const pick = (input: unknown, fallback: unknown) => (input !== undefined && input !== '' ? input : fallback);
  return { ...data, periodId: pick(data.period, data.periodId), arenaId: pick(data.arena, data.arenaId) };
}

function periodsOf(at: ArenaTurn, measure: EffectMeasure): string[] {
  return reportablePeriods(measure.frequency, at.services.now(), baselineYear(at.view.plan));
}

/** Rapportera (or Visa perioden): the form for the measure's value of the period, for the arena this channel reports. */
async function openForm(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const target = resolveTarget(at, chosen(data));
  if (!target.ok) return target.card;
  const refusal = refuse(at, target.value);
  if (refusal) return refusal;
  return measureFormCard(await formFor(at, target.value));
}

/** Spara: the report use case; its outcome becomes the saved card, the form again, or a refusal. */
async function saveValue(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  // A period or arena chosen in the form but not opened with "Visa": the ETag on the button is
  // another value's, so the save counts as made without having seen a value.
  const { periodId: chosenPeriod, arenaId } = chosen(data);
  const etag = chosenPeriod === data.periodId && arenaId === data.arenaId && typeof data.etag === 'string' && data.etag.length <= 200 ? data.etag : '';
  const { measureId, arenaId: _a, arena: _ca, periodId: _p, etag: _e, period: _c, version: _v, ...inputs } = data;
  const outcome = await reportMeasureValue(
    { measureId, arenaId, periodId: chosenPeriod, etag, ...(typeof data.version === 'number' ? { seenVersion: data.version } : {}), inputs },
    {
      store: at.services.measures,
      measures: allMeasures(at.view),
      arenas: at.view.arenas,
      baselineYear: baselineYear(at.view.plan),
      now: at.services.now(),
      actor: at.turn.actor,
      authorize: (reporter, measure) => (mayChange(at.origin, reporter).allowed ? { allowed: true } : { allowed: false, reason: refusalText(at, measure, reportableArenas(measure, at.view.arenas).find((a) => a.id === arenaId) ?? reporter) }),
    },
  );
  switch (outcome.kind) {
    case 'notFound':
      return invalid('Effektmåttet finns inte i planen.').card;
    case 'refused': {
      if (outcome.reason === 'notAllowed') return refusedMessage(outcome.message);
      const measure = allMeasures(at.view).find((m) => m.id === measureId);
      const arena = measure && typeof arenaId === 'string' ? reportableArenas(measure, at.view.arenas).find((a) => a.id === arenaId) : undefined;
      if (!measure || !arena || typeof chosenPeriod !== 'string' || !isPeriodOf(measure.frequency, chosenPeriod) || !periodsOf(at, measure).includes(chosenPeriod)) return invalid(outcome.errors.join(' ')).card;
      return measureFormCard({
        ...(await formFor(at, { measure, arena, periodId: chosenPeriod })),
        entered: enteredFrom(measure, data),
        errors: outcome.errors,
        // Keep the ETag the person started from: a report made meanwhile must still be a conflict.
        etag,
      });
    }
    case 'conflict': {
      const { measure, arena, periodId, current, previousComparable } = outcome.current;
      return measureFormCard({
        measure,
        arena,
        periodId,
        periods: periodsOf(at, measure),
        arenas: arenaChoices(at, measure),
        ...(current ? { current } : {}),
        ...(previousComparable ? { previousComparable } : {}),
        entered: enteredFrom(measure, data),
        conflict: true,
      });
    }
    case 'unchanged':
    case 'saved': {
      const { measure, arena, periodId, current, previousComparable, replaced } = outcome.after;
      if (outcome.kind === 'saved') at.services.log.info({ measureId: measure.id, periodId, arenaId: arena.id, version: outcome.entry.version }, 'Effect measure value reported');
      return measureSavedCard({
        measure,
        arena,
        periodId,
        value: current!,
        ...(previousComparable ? { previousComparable } : {}),
        ...(replaced ? { replaced } : {}),
        unchanged: outcome.kind === 'unchanged',
      });
    }
  }
}

type Resolved = { ok: true; value: MeasureTarget } | { ok: false; card: CardJson };

/**
 * Which measure, period and arena a card action is about, checked against the plan. The arena
 * defaults to the (first) one this channel reports the measure for, the period to the last
 * completed one.
 */
function resolveTarget(at: ArenaTurn, data: Record<string, unknown>): Resolved {
  const measureId = data.measureId;
  const measure = typeof measureId === 'string' && ID_PATTERN.test(measureId) ? allMeasures(at.view).find((m) => m.id === measureId) : undefined;
  if (!measure) return invalid('Effektmåttet finns inte i planen.');

  const arenas = reportableArenas(measure, at.view.arenas);
  let arena: Arena | undefined;
  if (data.arenaId === undefined) {
    arena = reportedHere(measure, at.arena) ? (arenas.find((a) => a.id === at.arena.id) ?? arenas[0]) : undefined;
    if (!arena) return refusedCard(at, measure, isPerMunicipality(measure) && !reportedByCounty(measure) ? undefined : (arenas.find((a) => a.id === at.arena.id) ?? arenas[0]));
  } else {
    arena = typeof data.arenaId === 'string' ? arenas.find((a) => a.id === data.arenaId) : undefined;
    if (!arena) return invalid('Kortet anger en arena som inte rapporterar det här effektmåttet.');
  }

  let periodId = lastCompletedPeriod(measure.frequency, at.services.now());
  if (data.periodId !== undefined) {
    if (!isPeriodOf(measure.frequency, data.periodId)) return invalid('Kortet anger en period som inte finns för det här effektmåttet.');
    if (!periodsOf(at, measure).includes(data.periodId)) {
      return invalid(`Värden för ${periodLabel(data.periodId)} kan inte rapporteras: perioder från och med ${baselineYear(at.view.plan)}, planens basår, till och med ${periodLabel(currentPeriod(measure.frequency, at.services.now()))} går att rapportera.`);
    }
    periodId = data.periodId;
  }
  return { ok: true, value: { measure, periodId, arena } };
}

/** The refusal card when this chat may not report the arena's value, else undefined. */
function refuse(at: ArenaTurn, target: MeasureTarget): CardJson | undefined {
  return mayChange(at.origin, reportingArena(target.measure, target.arena, at.view.arenas)).allowed ? undefined : refusedCard(at, target.measure, target.arena).card;
}

/** Who reports the value, and where (valueArena undefined: each municipality, in its own channel). */
function refusalText(at: ArenaTurn, measure: EffectMeasure, valueArena: Arena | undefined): string {
  const where = (a: Arena) => (a.kind === 'county' ? `kanalen för ${a.name.toLowerCase()}` : `${a.name}s kanal`);
  const whose = !valueArena ? 'Kommunernas värden' : valueArena.kind === 'county' ? 'Länets värde' : `${valueArena.name}s värde`;
  const about = `${whose} för "${measure.title}"`;
  if (valueArena && reportedByCounty(measure)) {
    const county = reportingArena(measure, valueArena, at.view.arenas);
    return county.id === at.arena.id
      ? `${about}: ${REPORTED_BY_COUNTY_TEXT.charAt(0).toLowerCase()}${REPORTED_BY_COUNTY_TEXT.slice(1)}, i ${where(county)}, eller här av den som är med i den kanalen. Skriv något till mig i ${where(county)} först.`
      : `${about}: ${REPORTED_BY_COUNTY_TEXT.charAt(0).toLowerCase()}${REPORTED_BY_COUNTY_TEXT.slice(1)}, i ${where(county)}. Här visas värdena; ${at.arena.name} behöver inte rapportera dem.`;
  }
  return !valueArena
    ? `${about} rapporteras av varje kommun i dess egen kanal.`
    : valueArena.id === at.arena.id
      ? `${about} rapporteras i ${where(valueArena)}, eller här av den som är med i den kanalen. Skriv något till mig i ${where(valueArena)} först.`
      : `${about} rapporteras bara från ${where(valueArena)}.`;
}

function refusedMessage(text: string): CardJson {
  return messageCard({ title: 'Värdet kan inte rapporteras här', text: `${text} Ingenting har ändrats.`, tone: 'warning', buttons: [{ title: 'Visa mått', command: 'mått' }] });
}

function refusedCard(at: ArenaTurn, measure: EffectMeasure, valueArena: Arena | undefined): { ok: false; card: CardJson } {
  return { ok: false, card: refusedMessage(refusalText(at, measure, valueArena)) };
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
    const parsed = typeof raw === 'number' ? { ok: true as const, value: raw } : typeof raw === 'string' ? parseSwedishNumber(raw) : undefined;
    if (parsed?.ok && Number.isFinite(parsed.value) && parsed.value >= 0) values[i] = parsed.value;
  });
  return { values, comment: typeof data.comment === 'string' ? data.comment : '' };
}
