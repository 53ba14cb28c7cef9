// The "mått" card: the plan's effect measures (effektmått) grouped by strategy, each with its
// latest value, whether the target is met and, where this channel reports the value for the
// current period, a Rapportera button. The county channel sees the municipalities' values
// summarised per target status, so the card stays small (a few KB) whatever is reported.
import { formatDate } from '../domain/format';
import { currentPeriod, comparePeriods, frequencyLabel, periodLabel, periodTitle } from '../domain/measurePeriods';
import {
  describeValues,
  formatAmount,
  isPerMunicipality,
  previousComparableValue,
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
}

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
}

export function measuresCardView(input: MeasuresCardInput): MeasuresCardView {
  const { arena } = input;
  const county = input.arenas.find((a) => a.kind === 'county');
  const intro =
    arena.kind === 'county'
      ? 'Här rapporterar länsgemensam samverkan länets värden. Mått som följs upp per kommun rapporteras i varje kommuns kanal; här ser ni en sammanfattning.'
      : `${arena.name} rapporterar sina egna värden för mått som följs upp per kommun. Länets värden rapporteras i kanalen för ${county?.name.toLowerCase() ?? 'länsgemensam samverkan'}.`;
  return {
    title: `Effektmått – ${arena.name}`,
    intro,
    strategies: input.strategies
      .filter((s) => s.effectMeasures.length > 0)
      .map((s) => ({ heading: `${s.number}. ${s.title}`, measures: s.effectMeasures.map((m) => measureRow(m, input)) })),
  };
}

export function measuresCard(input: MeasuresCardInput): CardJson {
  return bind(template, measuresCardView(input));
}

function measureRow(measure: EffectMeasure, input: MeasuresCardInput): MeasureRow {
  const periodId = currentPeriod(measure.frequency, input.now);
  const values = input.values.get(measure.id) ?? [];
  const perMunicipality = isPerMunicipality(measure);
  const where = perMunicipality ? 'rapporteras per kommun' : 'rapporteras för länet';
  const summary = perMunicipality && input.arena.kind === 'county';
  const valueArena = perMunicipality ? input.arena : valueArenas(measure, input.arenas)[0];
  return {
    measureId: measure.id,
    arenaId: valueArena?.id ?? '',
    periodId,
    title: measure.title,
    target: measure.target,
    followUp: `Uppföljning: ${measure.followUp} · ${frequencyLabel(measure.frequency)} · ${where}`,
    lines: summary ? municipalitySummary(measure, periodId, values, input.arenas) : valueArena ? arenaLines(measure, periodId, values, valueArena, input.arena) : [],
    canReport: valueArena !== undefined && reportedHere(measure, input.arena),
  };
}

/** The value of one arena: this period's, or else the latest one reported, and the target status. */
function arenaLines(measure: EffectMeasure, periodId: string, values: MeasureValue[], valueArena: Arena, asking: Arena): Line[] {
  const own = values.filter((v) => v.arenaId === valueArena.id).sort((a, b) => comparePeriods(b.periodId, a.periodId));
  const current = own.find((v) => v.periodId === periodId);
  const previous = current ? previousComparableValue(own, current) : undefined;
  const whose = valueArena.id === asking.id ? '' : valueArena.kind === 'county' ? 'Länet, ' : `${valueArena.name}, `;
  const lines: Line[] = [];
  if (current) {
    lines.push({ text: `${whose}${periodLabel(periodId)}: ${describeValues(current.values)} (rapporterat av ${current.reportedBy} ${formatDate(current.reportedAt)})`, color: 'Default' });
  } else {
    const latest = own.find((v) => comparePeriods(v.periodId, periodId) < 0);
    if (latest) lines.push({ text: `${whose}senast rapporterat, ${periodLabel(latest.periodId)}: ${describeValues(latest.values)}`, color: 'Default' });
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
  let reported = 0;
  for (const m of municipalities) {
    const current = values.find((v) => v.arenaId === m.id && v.periodId === periodId);
    if (current) reported += 1;
    const status = targetStatus(measure, current, current ? previousComparableValue(values, current) : undefined);
    const shown = current && measure.direction !== 'yes' ? `${m.name} (${formatAmount(total(current))})` : m.name;
    groups.set(status, [...(groups.get(status) ?? []), shown]);
  }
  const heading: Record<TargetStatus, string> = {
    met: measure.direction === 'yes' ? 'Ja, målvärdet nås' : 'Målvärdet nås',
    notMet: measure.direction === 'yes' ? 'Nej, målvärdet nås inte' : 'Målvärdet nås inte',
    noComparison: 'Inget tidigare värde att jämföra med',
    notReported: 'Inte rapporterat ännu',
  };
  const lines: Line[] = [{ text: `${periodTitle(periodId)}: ${reported} av ${municipalities.length} kommuner har rapporterat.`, color: 'Default' }];
  for (const status of ['met', 'notMet', 'noComparison', 'notReported'] as const) {
    const names = groups.get(status);
    if (names?.length) lines.push({ text: `${heading[status]}: ${names.join(', ')}`, color: TARGET_COLOR[status] });
  }
  return lines;
}
