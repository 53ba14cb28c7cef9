// Reporting an effect measure's value: the form (one number per breakdown category, or ja/nej,
// and a comment), the read-only card of a saved value, and the conflict card shown when someone
// else reported for the period first (the person's own value stays in the form, to save again).
import { formatDateTime } from '../domain/format';
import { frequencyLabel, parsePeriodId, periodLabel, periodTitle, previousComparablePeriod, type PeriodId } from '../domain/measurePeriods';
import {
  categoriesOf,
  describeValues,
  formatAmount,
  LEVEL_TEXT,
  MEASURE_LIMITS,
  valueArenaName,
  targetStatus,
  targetStatusText,
  valueInputId,
  type CategoryValue,
  type MeasureAmount,
  type MeasureValue,
  type MeasureValueRecord,
} from '../domain/measureValues';
import type { Arena, EffectMeasure } from '../domain/plan';
import { bind, type CardJson } from './bind';
import template from './measureForm.json';
import { TARGET_COLOR } from './measuresCard';

/** What the form and its result cards are about: one measure, period and arena. */
export interface MeasureTarget {
  measure: EffectMeasure;
  periodId: string;
  /** The arena the value is for (a municipality, or the county). */
  arena: Arena;
}

export interface MeasureFormInput extends MeasureTarget {
  /** The periods the value may be reported for, newest first (from the plan's baseline year). */
  periods: PeriodId[];
  /** The arenas this channel may choose between (the county: each municipality and Hela länet); fewer than two: no choice. */
  arenas?: Arena[];
  /** The stored value of the period, if any: its ETag goes into the Spara button. */
  current?: MeasureValueRecord;
  /** The same period the year before, shown for comparison. */
  previousComparable?: MeasureValue;
  /** What to put in the inputs (the person's own entry after a refusal or a conflict). */
  entered?: { values: Partial<Record<number, MeasureAmount>>; comment: string };
  errors?: string[];
  /**
   * The ETag the Spara button carries, when it is not the current value's: after a refused
   * submission the form keeps the ETag the person started from, so a report that someone else
   * made meanwhile is still detected as a conflict.
   */
  etag?: string;
  /** Set when someone else reported first: the form keeps the person's entry, with the current ETag. */
  conflict?: boolean;
}

type Mode = 'form' | 'conflict' | 'saved';

const COMMENT_SHOWN_MAX = 2000;


/** A number as the form shows it: the Swedish way ("0,42", "1 234"). */
function shownNumber(value: MeasureAmount | undefined): string {
  return typeof value === 'number' ? formatAmount(value) : '';
}

function common(target: MeasureTarget) {
  const { measure, periodId, arena } = target;
  return {
    measureId: measure.id,
    periodId,
    arenaId: arena.id,
    measureTitle: measure.title,
    periodText: periodTitle(periodId),
    arenaText: arena.kind === 'county' ? `${valueArenaName(measure, arena) === arena.name ? 'Länet' : valueArenaName(measure, arena)} (${arena.name})` : arena.name,
    target: measure.target,
    facts: [
      { title: 'Period', value: periodTitle(periodId) },
      { title: 'Värde för', value: arena.kind === 'county' ? `${measure.level === 'region' ? 'Regionen' : valueArenaName(measure, arena) === arena.name ? 'Länet' : valueArenaName(measure, arena)} (${arena.name})` : arena.name },
      { title: 'Målvärde', value: measure.target },
      { title: 'Uppföljning', value: `${measure.followUp} (${frequencyLabel(measure.frequency)}, ${LEVEL_TEXT[measure.level]})` },
      ...(measure.source ? [{ title: 'Källa', value: measure.source }] : []),
    ],
  };
}

/** The report form, also after a refused submission (errors) or a conflict. */
export function measureFormCard(input: MeasureFormInput): CardJson {
  const { measure, current, previousComparable } = input;
  const mode: Mode = input.conflict ? 'conflict' : 'form';
  const categories = categoriesOf(measure);
  const shownValue = (i: number): MeasureAmount | undefined => {
    if (input.entered) return input.entered.values[i];
    return current?.values[i]?.value;
  };
  const before = periodLabel(previousComparablePeriod(input.periodId));
  const notes = [
    current && !input.conflict ? `Rapporterat nu: ${describeValues(current.values)} (${current.reportedBy}, ${formatDateTime(current.reportedAt)}). Sparar du ersätts det; det gamla finns kvar i historiken.` : '',
    measure.direction === 'yes' ? '' : previousComparable ? `Samma period föregående år (${before}): ${describeValues(previousComparable.values)}` : `Inget tidigare värde att jämföra med (${before} saknas).`,
  ].filter((n) => n !== '');
  const inputs = categories.map((category, i) => ({ id: valueInputId(i), label: category ?? 'Värde', value: shownValue(i) }));
  return bind(template, {
    ...common(input),
    mode,
    heading: 'Rapportera värde',
    headingColor: 'Default',
    etag: input.etag ?? current?.etag ?? '',
    version: current?.version ?? 0,
    periods: input.periods.map((id) => ({ id, title: periodTitle(id) })),
    arenaChoices: (input.arenas ?? []).length > 1 ? (input.arenas ?? []).map((a) => ({ id: a.id, title: valueArenaName(measure, a) })) : [],
    showTitle: (input.arenas ?? []).length > 1 ? 'Visa värdet' : 'Visa perioden',
    baselineText: input.periods.length ? String(parsePeriodId(input.periods[input.periods.length - 1])?.year ?? '') : '',
    errors: input.errors ?? [],
    conflict: {
      shown: input.conflict === true,
      current: current ? `Nu gäller: ${describeValues(current.values)}, rapporterat av ${current.reportedBy} ${formatDateTime(current.reportedAt)}.${current.comment ? ` Kommentar: ${current.comment}` : ''}` : '',
    },
    savedFacts: [],
    statusText: '',
    statusColor: 'Default',
    notes,
    numberInputs:
      measure.direction === 'yes'
        ? []
        : inputs.map((x) => ({ id: x.id, label: x.label, value: shownNumber(x.value) })),
    yesNoInputs: measure.direction === 'yes' ? inputs.map((x) => ({ id: x.id, label: x.label === 'Värde' ? 'Svar' : x.label, value: x.value === 'ja' || x.value === 'nej' ? x.value : '' })) : [],
    commentMax: MEASURE_LIMITS.comment,
    comment: (input.entered?.comment ?? current?.comment ?? '').slice(0, COMMENT_SHOWN_MAX),
  });
}

export interface SavedCardInput extends MeasureTarget {
  value: MeasureValue;
  previousComparable?: MeasureValue;
  /** The value this report replaced, if any. */
  replaced?: MeasureValue;
  /** The report was the same as the stored value: nothing was written. */
  unchanged?: boolean;
}

/** The read-only card after saving: who reported what when, and whether the target is met. */
export function measureSavedCard(input: SavedCardInput): CardJson {
  const { measure, value, previousComparable, replaced } = input;
  const status = targetStatus(measure, value, previousComparable);
  const facts: Array<{ title: string; value: string }> = value.values.map((v: CategoryValue) => ({ title: v.category ?? 'Värde', value: formatAmount(v.value) }));
  facts.push({ title: 'Rapporterat av', value: `${value.reportedBy}, ${formatDateTime(value.reportedAt)}` });
  if (value.comment) facts.push({ title: 'Kommentar', value: value.comment });
  if (replaced) facts.push({ title: 'Ersatte', value: `${describeValues(replaced.values)} (${replaced.reportedBy}, ${formatDateTime(replaced.reportedAt)})` });
  return bind(template, {
    ...common(input),
    mode: 'saved' satisfies Mode,
    heading: input.unchanged ? 'Värdet var redan sparat, ingenting ändrades' : 'Värdet är sparat',
    headingColor: 'Good',
    etag: '',
    version: value.version,
    periods: [],
    arenaChoices: [],
    showTitle: '',
    baselineText: '',
    errors: [],
    conflict: { shown: false, current: '' },
    savedFacts: facts,
    statusText: targetStatusText(status, measure, input.periodId, value, previousComparable),
    statusColor: TARGET_COLOR[status],
    notes: [],
    numberInputs: [],
    yesNoInputs: [],
    commentMax: MEASURE_LIMITS.comment,
    comment: '',
  });
}
