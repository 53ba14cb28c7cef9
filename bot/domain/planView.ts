// The plan as people see it: content joined with live state. Built by storage, shown by the
// API, the bot and the tab.
import type { SubActivityState } from './activityState';
import type { Arena, EffectMeasure, LocalRecommendation, Period, PlanInfo } from './plan';
import { statusLabel, type StatusId } from './status';

export interface SubActivityRecord {
  scopeId: string;
  id: string;
  activityId: string;
  strategyId: string;
  order: number;
  title: string;
  details: string[];
  /** Mått and målvärde as written in the row ("" where the appendix merges the cell). */
  measure: string;
  target: string;
  statusAsWritten: string;
  state: SubActivityState;
  /** Optimistic-concurrency token of the stored row. */
  etag: string;
}

export interface ActivityRecord {
  scopeId: string;
  id: string;
  strategyId: string;
  order: number;
  title: string;
  period: Period;
}

export interface SubActivityView {
  id: string;
  title: string;
  details: string[];
  status: StatusId;
  statusLabel: string;
  statusNote: string;
  statusAsWritten: string;
  measure: string;
  target: string;
  measureAnswer: string;
  updatedAt: string | null;
  updatedBy: string | null;
  version: number;
  etag: string;
}

export interface ActivityView {
  id: string;
  title: string;
  period: Period & { label: string };
  subActivities: SubActivityView[];
}

export interface StrategyView {
  id: string;
  number: number;
  title: string;
  quotes: string[];
  effectMeasures: EffectMeasure[];
  activities: ActivityView[];
  localRecommendations: LocalRecommendation[];
}

export interface PlanView {
  plan: PlanInfo;
  strategies: StrategyView[];
  arenas: Arena[];
}

export function periodLabel(period: Period): string {
  return period.from === period.to ? String(period.from) : `${period.from}–${period.to}`;
}

/**
 * Bilaga 1 merges table cells vertically: within an activity, an empty Mått or Målvärde cell
 * shares the value written above it (each column on its own). Returns each row's values as read.
 */
export function resolveMergedCells<T extends { measure: string; target: string }>(rows: T[]): Array<{ measure: string; target: string }> {
  let measure = '';
  let target = '';
  return rows.map((row) => {
    measure = row.measure || measure;
    target = row.target || target;
    return { measure, target };
  });
}

export function subActivityView(record: SubActivityRecord, resolved: { measure: string; target: string }): SubActivityView {
  const s = record.state;
  return {
    id: record.id,
    title: record.title,
    details: record.details,
    status: s.status,
    statusLabel: statusLabel(s.status),
    statusNote: s.statusNote,
    statusAsWritten: record.statusAsWritten,
    measure: resolved.measure,
    target: resolved.target,
    measureAnswer: s.measureAnswer,
    updatedAt: s.updatedAt ?? null,
    updatedBy: s.updatedBy ?? null,
    version: s.version,
    etag: record.etag,
  };
}

export function activityView(activity: ActivityRecord, subs: SubActivityRecord[]): ActivityView {
  const ordered = [...subs].sort((a, b) => a.order - b.order);
  const resolved = resolveMergedCells(ordered);
  return {
    id: activity.id,
    title: activity.title,
    period: { ...activity.period, label: periodLabel(activity.period) },
    subActivities: ordered.map((sub, i) => subActivityView(sub, resolved[i]!)),
  };
}
