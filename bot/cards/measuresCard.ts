// The "mått" card: the plan's effect measures (effektmått) grouped by strategy, each with its
// latest value, whether the target is met and, where this channel reports the value, a
// Rapportera button for the last completed period. The county channel sees the municipalities'
// values summarised per target status, so the card stays small (a few KB) whatever is reported;
// an arena sees its values read-only where the county reports them.
import { formatDate } from '../domain/format';
import { comparePeriods, lastCompletedPeriod, frequencyLabel, periodLabel, previousComparablePeriod } from '../domain/measurePeriods';
import {
  countyFigureArena,
  COUNTY_FIGURE_TEXT,
  describeValues,
  formatAmount,
  REPORTED_BY_COUNTY_TEXT,
  reportedByCounty,
  isPerMunicipality,
  LEVEL_TEXT,
  previousComparableValue,
  reportedCountText,
  reportedHere,
  targetStatus,
  targetStatusText,
  total,
  valueArenas,
  type MeasureValue,
  type TargetStatus,
} from '../domain/measureValues';
import type { Arena, EffectMeasure } from '../domain/plan';
import { bind, type CardJson } from './bind';
import template from './measures.json';

/** Adaptive Card colour names per target status: theme-aware names only. */
export const TARGET_COLOR: Record<TargetStatus, string> = { met: 'Good', notMet: 'Attention', noComparison: 'Default', notReported: 'Warning' };

export interface MeasuresCardInput {
  /** The arena of the channel (or personal chat) asking. */
  arena: Arena;
  arenas: Arena[];
  strategies: Array<{ number: number; title: string; effectMeasures: EffectMeasure[] }>;
  /** Every stored value of each measure, by measure id. */
  values: Map<string, MeasureValue[]>;
  now: Date;
  /** Which page (from 1): the strategies are paged, a strategy never split, so that the card stays under about 1,000 px. */
  page?: number;
}

/** Measures on one page of the card, at most (a strategy with more is shown whole on its own page). */
export const MEASURES_PER_PAGE = 5;

interface Line {
  text: string;
  color: string;
}

interface MeasureRow {
  measureId: string;
  arenaId: string;
  periodId: string;
  title: string;
  target: string;
  followUp: string;
  lines: Line[];
  canReport: boolean;
}

export interface MeasuresCardView {
  title: string;
  intro: string;
  strategies: Array<{ heading: string; measures: MeasureRow[] }>;
  /** Paging: the commands that show the page before and after ('' for none). */
  previous: string;
  next: string;
}

/** The strategies with measures, in pages of at most MEASURES_PER_PAGE measures. */
function pages<S extends { effectMeasures: unknown[] }>(strategies: S[]): S[][] {
  const out: S[][] = [];
  let count = 0;
  for (const s of strategies) {
    const last = out[out.length - 1];
    if (last && count + s.effectMeasures.length <= MEASURES_PER_PAGE) {
      last.push(s);
      count += s.effectMeasures.length;
    } else {
      out.push([s]);
      count = s.effectMeasures.length;
    }
  }
  return out.length ? out : [[]];
}

export function measuresCardView(input: MeasuresCardInput): MeasuresCardView {
  const { arena } = input;
  const county = input.arenas.find((a) => a.kind === 'county');
  const measures = input.strategies.flatMap((s) => s.effectMeasures);
  const countyReportsAll = measures.every(reportedByCounty);
  const intro =
    arena.kind === 'county'
      ? countyReportsAll
        ? 'Här rapporterar länsgemensam samverkan alla effektmåttens värden: länets, regionens och, för mått som följs upp per kommun, varje kommuns och hela länets. Värdet som efterfrågas är den senast avslutade periodens.'
        : 'Här rapporterar länsgemensam samverkan länets värden. Mått som följs upp per kommun rapporteras i varje kommuns kanal; här ser ni en sammanfattning.'
      : countyReportsAll
        ? `Här ser ni ${arena.name}s och länets värden. Länsnivån rapporterar alla värden, i kanalen för ${county?.name.toLowerCase() ?? 'länsgemensam samverkan'}.`
        : `${arena.name} rapporterar sina egna värden för mått som följs upp per kommun. Länets värden rapporteras i kanalen för ${county?.name.toLowerCase() ?? 'länsgemensam samverkan'}.`;
  const all = pages(input.strategies.filter((s) => s.effectMeasures.length > 0));
  const page = Math.min(Math.max(1, input.page ?? 1), all.length);
  return {
    title: `Effektmått – ${arena.name}`,
    intro: all.length > 1 ? `${intro} Sida ${page} av ${all.length}.` : intro,
    strategies: all[page - 1]!.map((s) => ({ heading: `${s.number}. ${s.title}`, measures: s.effectMeasures.map((m) => measureRow(m, input)) })),
    previous: page > 1 ? `mått ${page - 1}` : '',
    next: page < all.length ? `mått ${page + 1}` : '',
  };
}

export function measuresCard(input: MeasuresCardInput): CardJson {
  return bind(template, measuresCardView(input));
}

/**
 * The period the card speaks about: the newest with a reported value (never the unfinished one
 * after `asked`), else the period asked for (the last completed one).
 */
function shownPeriod(values: MeasureValue[], asked: string): string {
  const reported = values.map((v) => v.periodId).filter((p) => comparePeriods(p, asked) <= 0).sort(comparePeriods);
  return reported[reported.length - 1] ?? asked;
}

/** The newest value up to the period asked for. */
function latestValue(values: MeasureValue[], asked: string): MeasureValue | undefined {
  const periodId = shownPeriod(values, asked);
  return values.find((v) => v.periodId === periodId);
}

function measureRow(measure: EffectMeasure, input: MeasuresCardInput): MeasureRow {
  const reportPeriod = lastCompletedPeriod(measure.frequency, input.now);
  const values = input.values.get(measure.id) ?? [];
  const perMunicipality = isPerMunicipality(measure);
  const where = `rapporteras ${LEVEL_TEXT[measure.level]}`;
  const here = reportedHere(measure, input.arena);
  const summary = perMunicipality && input.arena.kind === 'county';
  const valueArena = perMunicipality ? (input.arena.kind === 'municipality' ? input.arena : undefined) : valueArenas(measure, input.arenas)[0];
  const countyFigure = countyFigureArena(measure, input.arenas);
  const lines: Line[] = [];
  if (perMunicipality) lines.push(reportedCount(measure, values, input.arenas, shownPeriod(values, reportPeriod)));
  if (summary) lines.push(...municipalitySummary(measure, shownPeriod(values, reportPeriod), values, input.arenas));
  else if (valueArena) lines.push(...arenaLines(measure, reportPeriod, values, valueArena, input.arena));
  // The county figure beside a municipality's (and in the county's own summary).
  const countyValue = countyFigure && latestValue(values.filter((v) => v.arenaId === countyFigure.id), reportPeriod);
  if (countyValue) lines.push({ text: `${COUNTY_FIGURE_TEXT}, ${periodLabel(countyValue.periodId)}: ${describeValues(countyValue.values)}`, color: 'Default' });
  if (!here && reportedByCounty(measure)) lines.push({ text: `${REPORTED_BY_COUNTY_TEXT}.`, color: 'Default' });
  // The county reports a per-municipality measure's values: Rapportera opens the first municipality still missing the period's value.
  const reportArena = summary ? (valueArenas(measure, input.arenas).find((m) => !values.some((v) => v.arenaId === m.id && v.periodId === reportPeriod)) ?? valueArenas(measure, input.arenas)[0]) : valueArena;
  return {
    measureId: measure.id,
    arenaId: reportArena?.id ?? '',
    periodId: reportPeriod,
    title: measure.title,
    target: measure.target,
    followUp: `Uppföljning: ${measure.followUp} · ${frequencyLabel(measure.frequency)} · ${where}${measure.source ? ` · källa: ${measure.source}` : ''}`,
    lines,
    canReport: reportArena !== undefined && here,
  };
}

/** "6 av 8 kommuner har rapporterat 2025": the municipalities are the plan's, never a fixed eight. */
function reportedCount(measure: EffectMeasure, values: MeasureValue[], arenas: Arena[], periodId: string): Line {
  const all = valueArenas(measure, arenas).every((m) => values.some((v) => v.arenaId === m.id && v.periodId === periodId));
  return { text: reportedCountText(measure, values, arenas, periodId), color: all ? 'Good' : 'Default' };
}

/** One arena's value: the newest period reported (or this one), the same period the year before, and the target status. */
function arenaLines(measure: EffectMeasure, reportPeriod: string, values: MeasureValue[], valueArena: Arena, asking: Arena): Line[] {
  const own = values.filter((v) => v.arenaId === valueArena.id);
  const periodId = shownPeriod(own, reportPeriod);
  const current = own.find((v) => v.periodId === periodId);
  const previous = current ? previousComparableValue(own, current) : undefined;
  const whose = valueArena.id === asking.id ? '' : valueArena.kind === 'county' ? (measure.level === 'region' ? 'Regionen, ' : 'Länet, ') : `${valueArena.name}, `;
  const lines: Line[] = [];
  if (current) {
    lines.push({ text: `${whose}${periodLabel(periodId)}: ${describeValues(current.values)} (rapporterat av ${current.reportedBy} ${formatDate(current.reportedAt)})`, color: 'Default' });
    if (previous && measure.direction === 'yes') lines.push({ text: `Föregående år, ${periodLabel(previous.periodId)}: ${describeValues(previous.values)}`, color: 'Default' });
  }
  const status = targetStatus(measure, current, previous);
  lines.push({ text: targetStatusText(status, measure, periodId, current, previous), color: TARGET_COLOR[status] });
  return lines.map((l) => ({ ...l, text: capitalized(l.text) }));
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The county's view of a per-municipality measure: the municipalities grouped by target status. */
function municipalitySummary(measure: EffectMeasure, periodId: string, values: MeasureValue[], arenas: Arena[]): Line[] {
  const municipalities = valueArenas(measure, arenas);
  const groups = new Map<TargetStatus, string[]>();
  for (const m of municipalities) {
    const current = values.find((v) => v.arenaId === m.id && v.periodId === periodId);
    const previous = current ? previousComparableValue(values, current) : undefined;
    const status = targetStatus(measure, current, previous);
    const shown = current && measure.direction !== 'yes' ? `${m.name} (${formatAmount(total(current))}${previous ? ` mot ${formatAmount(total(previous))}` : ''})` : m.name;
    groups.set(status, [...(groups.get(status) ?? []), shown]);
  }
  const heading: Record<TargetStatus, string> = {
    met: measure.direction === 'yes' ? 'Ja, målvärdet nås' : `Målvärdet nås (mot ${periodLabel(previousComparablePeriod(periodId))})`,
    notMet: measure.direction === 'yes' ? 'Nej, målvärdet nås inte' : `Målvärdet nås inte (mot ${periodLabel(previousComparablePeriod(periodId))})`,
    noComparison: 'Inget tidigare värde att jämföra med',
    notReported: 'Inte rapporterat ännu',
  };
  const lines: Line[] = [];
  for (const status of ['met', 'notMet', 'noComparison', 'notReported'] as const) {
    const names = groups.get(status);
    // When none has reported, "0 av 8 kommuner har rapporterat" says it: the eight names would only make the card longer.
    if (status === 'notReported' && names?.length === municipalities.length) continue;
    if (names?.length) lines.push({ text: `${heading[status]}: ${names.join(', ')}`, color: TARGET_COLOR[status] });
  }
  return lines;
}
