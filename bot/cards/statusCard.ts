// The status card: an overview per strategy (for an arena, its local activities and its
// follow-up of Bilaga 1), the latest changes, and what is overdue, each with Uppdatera.
import { progressSummary, type StrategyProgress } from '../domain/overview';
import { bind, type CardJson } from './bind';
import template from './status.json';

export interface StatusGroup {
  /** '' for a status of one group. */
  title: string;
  note?: string;
  progress: StrategyProgress[];
}

export interface OverdueRow {
  text: string;
  scopeId: string;
  id: string;
}

export interface StatusCardData {
  title: string;
  subtitle: string;
  groups: StatusGroup[];
  /** Latest changes, already written out ("23 nov. 2026 10:05, Anna: Status: Pågår → Klar"). */
  changes: string[];
  /** Overdue sub-activities; at most a handful are shown, with Visa försenade for the rest. */
  overdue: OverdueRow[];
  /** "34 delaktiviteter har inte följts upp sedan planen antogs, …" ('' when all are): said beside what is late. */
  notFollowedUp?: string;
  /** Items not followed up whose priority period has ended: `försenat` lists them apart. */
  expiredNotFollowedUp?: number;
  emptyText: string;
  tabUrl: string;
  /** Whether the person may change this arena's items here: read-only views show no Uppdatera. */
  editable: boolean;
  /** Another arena's status: its name, so that Visa aktiviteter and Visa försenade show that arena. */
  otherArenaName?: string;
}

const SHOWN_OVERDUE = 5;

/** One row per strategy that has activities: "1. Ökad delaktighet", its summary and how many are overdue. */
export function strategyRows(progress: StrategyProgress[], overdueWord: string) {
  return progress
    .filter((p) => p.total > 0)
    .map((p) => ({ number: p.number, title: p.title, summary: progressSummary(p), overdue: p.overdue, overdueText: `${p.overdue} ${overdueWord}` }));
}

export function statusCard(data: StatusCardData): CardJson {
  const total = data.groups.reduce((n, g) => n + g.progress.reduce((m, p) => m + p.total, 0), 0);
  return bind(template, {
    title: data.title,
    subtitle: data.subtitle,
    empty: total === 0,
    emptyText: data.emptyText,
    groups: data.groups.map((g) => ({ title: g.title, note: g.note ?? '', strategies: strategyRows(g.progress, 'försenade') })).filter((g) => g.strategies.length > 0 || g.note !== ''),
    changes: data.changes,
    overdue: data.overdue.slice(0, SHOWN_OVERDUE).map((o) => ({ ...o, editable: data.editable })),
    activitiesCommand: data.otherArenaName ? `aktiviteter ${data.otherArenaName}` : 'aktiviteter',
    overdueCommand: data.otherArenaName ? `försenat ${data.otherArenaName}` : 'försenat',
    notFollowedUp: data.notFollowedUp ?? '',
    offerOverdue: data.overdue.length > 0 || (data.expiredNotFollowedUp ?? 0) > 0,
    moreOverdue: data.overdue.length > SHOWN_OVERDUE ? `… och ${data.overdue.length - SHOWN_OVERDUE} till: Visa försenade visar alla.` : '',
    tabUrl: data.tabUrl,
  });
}
