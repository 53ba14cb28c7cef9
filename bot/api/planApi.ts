// GET /api/plan: the whole plan with live status, local activities, history and the effect
// measures' reported values. The values are added to each effect measure (`values`), so every
// field of the plan view keeps its name.
import { periodLabel, previousComparablePeriod } from '../domain/measurePeriods';
import { previousComparableValue, targetStatus, type CategoryValue, type MeasureValue, type TargetStatus } from '../domain/measureValues';
import type { EffectMeasure } from '../domain/plan';
import type { PlanView, StrategyView } from '../domain/planView';
import type { MeasureStore, MeasureValueWithHistory } from '../storage/measureStore';
import type { PlanStore } from '../storage/planStore';

/** One reported value of an effect measure, as the API shows it. */
export interface MeasureValueView {
  periodId: string;
  periodLabel: string;
  arenaId: string;
  values: CategoryValue[];
  comment: string;
  reportedAt: string;
  reportedBy: string;
  version: number;
  etag: string;
  /** Whether the value reaches the target, compared with `comparedWith` (the same period a year before). */
  targetStatus: TargetStatus;
  comparedWith: string;
  /** Every report of the period and arena, newest first. */
  history: Array<Omit<MeasureValue, 'measureId' | 'periodId' | 'arenaId' | 'reportedById'>>;
}

export type EffectMeasureView = EffectMeasure & { values: MeasureValueView[] };
export type PlanApiView = Omit<PlanView, 'strategies'> & { strategies: Array<Omit<StrategyView, 'effectMeasures'> & { effectMeasures: EffectMeasureView[] }> };

export async function planApiView(plan: PlanStore, measures: MeasureStore, options: { arenaId?: string } = {}): Promise<PlanApiView> {
  const view = await plan.read(options);
  const ids = view.strategies.flatMap((s) => s.effectMeasures.map((m) => m.id));
  const values = await measures.allValues(ids);
  return {
    ...view,
    strategies: view.strategies.map((s) => ({
      ...s,
      effectMeasures: s.effectMeasures.map((m) => ({ ...m, values: valueViews(m, values.get(m.id) ?? []) })),
    })),
  };
}

function valueViews(measure: EffectMeasure, stored: MeasureValueWithHistory[]): MeasureValueView[] {
  return stored.map((v) => ({
    periodId: v.periodId,
    periodLabel: periodLabel(v.periodId),
    arenaId: v.arenaId,
    values: v.values,
    comment: v.comment,
    reportedAt: v.reportedAt,
    reportedBy: v.reportedBy,
    version: v.version,
    etag: v.etag,
    targetStatus: targetStatus(measure, v, previousComparableValue(stored, v)),
    comparedWith: previousComparablePeriod(v.periodId),
    history: v.history.map((h) => ({ values: h.values, comment: h.comment, reportedAt: h.reportedAt, reportedBy: h.reportedBy, version: h.version })),
  }));
}
