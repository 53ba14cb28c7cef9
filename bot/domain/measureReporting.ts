// How many values of a measure have been reported, in words. Apart from measureValues.ts so that
// the tab's first view can say it without loading the validation (zod) that file carries.
import type { EffectMeasure } from './plan';

/**
 * "6 av 8 kommuner har rapporterat 2025", or, for a measure the county reports for every
 * municipality (`reportedBy: 'county'`), "länsnivån har rapporterat 6 av 8 kommuners värden
 * 2025": the municipalities did not report them. Written to go inside a sentence; a line of its
 * own capitalises it. `period` "" leaves the period out.
 */
export function reportedCountPhrase(measure: Pick<EffectMeasure, 'reportedBy'>, reported: number, of: number, period: string): string {
  const text = measure.reportedBy === 'county' ? `länsnivån har rapporterat ${reported} av ${of} kommuners värden` : `${reported} av ${of} kommuner har rapporterat`;
  return period ? `${text} ${period}` : text;
}
