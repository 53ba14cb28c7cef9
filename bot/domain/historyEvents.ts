// What Historik shows: one event per change of any kind (bot/api/tabHistory.ts builds them).
import type { HistoryEntry } from './activityState';
import type { StatusId } from './status';

export type HistoryEventKind = 'change' | 'activityCreated' | 'activityAdopted' | 'measureReport' | 'channelLinked' | 'reminderSettings' | 'localRevision';

/** One change of any kind, as Historik shows it. */
export interface HistoryEvent {
  kind: HistoryEventKind;
  key: string;
  at: string;
  actor: string;
  scopeId: string;
  strategyId?: string;
  /** What changed: a sub-activity, an activity, an effect measure or a channel. */
  title: string;
  /** Its parent: the activity of a sub-activity, the strategy of an activity or measure. */
  parent?: string;
  activityId?: string;
  subActivityId?: string;
  lines: string[];
  comment?: string;
  /** A change of a sub-activity's status: from what to what (the meeting brief groups by it). */
  status?: { from: StatusId; to: StatusId };
}

export interface HistoryPage {
  events: HistoryEvent[];
  /** The sub-activity changes among this page's events (what the API returned before events). */
  entries: HistoryEntry[];
  page: number;
  size: number;
  hasMore: boolean;
}
