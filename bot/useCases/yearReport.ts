// The yearly report for a year: the closed follow-up round of that year (its frozen snapshot) if
// there is one, else the state now with the year as its period (1 January – today, or 31 December
// of a past year). Compared with the newest closed round before it. The period's changes are the
// history events of its days (and, for a closed round, nothing after its closing).
import { PLAN_TIME_ZONE, stockholmYear } from '../domain/followUp';
import type { FollowUpState } from '../domain/followUpState';
import { buildReport, type Report, type ReportSource } from '../domain/report';
import { liveFollowUpState, type FollowUpStateDeps } from './followUpState';
import { historyEvents, type HistoryEventsDeps } from './historyEvents';

/** A closed round as the report needs it: its name, when it closed, and its frozen state. */
export interface ClosedRound {
  id: string;
  name: string;
  closedAt: string;
  state: FollowUpState;
}

/** The closed rounds (bot/useCases/followUpRound.ts once rounds exist; none before). */
export interface ClosedRounds {
  /** The closed round of this year, if any. */
  closedFor(year: number): Promise<ClosedRound | undefined>;
  /** The newest closed round of a year before this one. */
  previousBefore(year: number): Promise<ClosedRound | undefined>;
  /** The years that have a closed round, newest first (the tab's picker). */
  closedYears(): Promise<number[]>;
}

/** Before the first round: no closed rounds. */
export const NO_ROUNDS: ClosedRounds = {
  closedFor: async () => undefined,
  previousBefore: async () => undefined,
  closedYears: async () => [],
};

export type YearReportDeps = FollowUpStateDeps & HistoryEventsDeps & { rounds: ClosedRounds };

/** The first year a report can be asked for: the plan came into force 2023-12-01. */
export const FIRST_REPORT_YEAR = 2023;
/** Change rows read per arena for a year's changes: far more than a year of follow-up makes. */
const CHANGES_PER_ARENA = 5000;

export type YearReportResult = { ok: true; report: Report } | { ok: false; error: string };

const dayFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: PLAN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** "2026-11-25": the Swedish calendar day of a moment. */
export function stockholmDay(at: Date): string {
  return dayFormat.format(at);
}

/** Reads a year from a route ("2026"): a whole year from the plan's first to the current one. */
export function parseReportYear(raw: unknown, now: Date): { ok: true; year: number } | { ok: false; error: string } {
  const text = typeof raw === 'string' ? raw.trim() : '';
  const current = stockholmYear(now);
  if (!/^\d{4}$/.test(text)) return { ok: false, error: `Året skrivs med fyra siffror, till exempel ${current}.` };
  const year = Number(text);
  if (year < FIRST_REPORT_YEAR || year > current) return { ok: false, error: `Det finns ingen rapport för ${year}: välj ett år från ${FIRST_REPORT_YEAR} till ${current}.` };
  return { ok: true, year };
}

export async function yearReport(deps: YearReportDeps, year: number): Promise<Report> {
  const now = deps.now();
  const [content, closed, previous] = await Promise.all([deps.plan.content(), deps.rounds.closedFor(year), deps.rounds.previousBefore(year)]);
  let state: FollowUpState;
  let source: ReportSource;
  if (closed) {
    state = closed.state;
    source = { kind: 'round', roundId: closed.id, name: closed.name, closedAt: closed.closedAt };
  } else {
    const today = stockholmDay(now);
    const end = `${year}-12-31`;
    state = await liveFollowUpState(deps, { from: `${year}-01-01`, to: end < today ? end : today });
    source = { kind: 'live', takenAt: state.takenAt };
  }
  const { events } = await historyEvents(deps, { from: state.period.from, to: state.period.to }, CHANGES_PER_ARENA);
  // A closed round's report never changes: what happened after its closing is not part of it.
  const inRound = closed ? events.filter((e) => e.at <= closed.closedAt) : events;
  return buildReport({
    year,
    planName: content.plan.name,
    strategies: content.strategies,
    arenaList: content.arenas,
    state,
    source,
    ...(previous ? { previous: { name: previous.name, state: previous.state } } : {}),
    events: inRound,
  });
}
