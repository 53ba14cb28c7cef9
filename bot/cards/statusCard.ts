// The status card: an arena's overview per strategy, latest changes and what is overdue.
import { progressSummary, type StrategyProgress } from '../domain/overview';
import { bind, type CardJson } from './bind';
import template from './status.json';

export interface StatusCardData {
  title: string;
  subtitle: string;
  progress: StrategyProgress[];
  /** Latest changes, already written out ("23 nov. 2026 10:05, Anna: Status: Pågår → Klar"). */
  changes: string[];
  /** Overdue sub-activities, written out; at most a handful are shown. */
  overdue: string[];
  emptyText: string;
  tabUrl: string;
}

const SHOWN_OVERDUE = 6;

/** One row per strategy that has activities: "1. Ökad delaktighet", its summary and how many are overdue. */
export function strategyRows(progress: StrategyProgress[], overdueWord: string) {
  return progress
    .filter((p) => p.total > 0)
    .map((p) => ({ number: p.number, title: p.title, summary: progressSummary(p), overdue: p.overdue, overdueText: `${p.overdue} ${overdueWord}` }));
}

export function statusCard(data: StatusCardData): CardJson {
  const total = data.progress.reduce((n, p) => n + p.total, 0);
  return bind(template, {
    title: data.title,
    subtitle: data.subtitle,
    empty: total === 0,
    emptyText: data.emptyText,
    strategies: strategyRows(data.progress, 'försenade'),
    changes: data.changes,
    overdue: data.overdue.slice(0, SHOWN_OVERDUE),
    moreOverdue: data.overdue.length > SHOWN_OVERDUE ? `… och ${data.overdue.length - SHOWN_OVERDUE} till. Skriv "aktiviteter" för hela listan.` : '',
    tabUrl: data.tabUrl,
  });
}
