// The yearly report for a year: the follow-up round of that year (a closed round's frozen snapshot,
// an open round's state now with its submissions and analysis) if there is one, else the state now
// with the year as its period (1 January – today, or 31 December of a past year). Compared with the newest closed round before it. The period's changes are the
// history events of its days (and, for a closed round, nothing after its closing).
import { PLAN_TIME_ZONE, stockholmYear } from '../domain/followUp';
import type { FollowUpState, Submission } from '../domain/followUpState';
import type { PlanContentView } from '../domain/planView';
import { buildReport, type Report, type ReportSource } from '../domain/report';
import { liveFollowUpState, type FollowUpStateDeps } from './followUpState';
import type { Round } from '../domain/followUpRound';
import type { HistoryEvent } from '../domain/historyEvents';
import { listRounds, roundState, type RoundDeps } from './followUpRound';
import { eventsBetween, type HistoryEventDeps, type HistoryPlan } from './historyEvents';

/** A round as the report needs it: its name, status, and state (a closed round's frozen snapshot). */
export interface ReportRound {
  id: string;
  name: string;
  status: 'open' | 'closed';
  closedAt?: string;
  state: FollowUpState;
  /** Every submission of the round, each version (the report shows every comment). */
  submissions?: Submission[];
}

/** The follow-up rounds the report reads (bot/useCases/followUpRound.ts; none before the first). */
export interface ReportRounds {
  /** The round of this year, if any: closed (its snapshot) or open (the state now, with its submissions and analysis). */
  forYear(year: number): Promise<ReportRound | undefined>;
  /** The newest closed round of a year before this one. */
  previousBefore(year: number): Promise<ReportRound | undefined>;
  /** The years that have a round, and whether it is closed (the tab's picker). */
  years(): Promise<Array<{ year: number; status: 'open' | 'closed' }>>;
}

/** Before the first round: none. */
export const NO_ROUNDS: ReportRounds = {
  forYear: async () => undefined,
  previousBefore: async () => undefined,
  years: async () => [],
};

/** The rounds as stored: a round's id is its year ("2026"). */
export function reportRounds(deps: RoundDeps): ReportRounds {
  const withState = async (round: Round): Promise<ReportRound | undefined> => {
    const [state, submissions] = await Promise.all([roundState(deps, round.id), deps.rounds.submissionHistory(round.id)]);
    // A closed round's submissions are those made before it closed (none can come after).
    return state ? { id: round.id, name: round.name, status: round.status, ...(round.closedAt ? { closedAt: round.closedAt } : {}), state, submissions } : undefined;
  };
  return {
    forYear: async (year) => {
      const round = (await listRounds(deps)).find((r) => r.id === String(year));
      return round ? withState(round) : undefined;
    },
    previousBefore: async (year) => {
      const round = (await listRounds(deps)).filter((r) => r.status === 'closed' && Number(r.id) < year).sort((a, b) => Number(b.id) - Number(a.id))[0];
      return round ? withState(round) : undefined;
    },
    years: async () => (await listRounds(deps)).map((r) => ({ year: Number(r.id), status: r.status })),
  };
}

export type YearReportDeps = FollowUpStateDeps & HistoryEventDeps & { rounds: ReportRounds };

/** The first year a report can be asked for: the plan came into force 2023-12-01. */
export const FIRST_REPORT_YEAR = 2023;

export type YearReportResult = { ok: true; report: Report } | { ok: false; error: string };

const dayFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: PLAN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** "2026-11-25": the Swedish calendar day of a moment. */
export function stockholmDay(at: Date): string {
  return dayFormat.format(at);
}

const partsFormat = new Intl.DateTimeFormat('en-GB', { timeZone: PLAN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** The moment a Swedish calendar day ("2026-03-29") begins. */
export function stockholmMidnight(day: string): Date {
  const utc = Date.parse(`${day}T00:00:00Z`);
  const p = Object.fromEntries(partsFormat.formatToParts(new Date(utc)).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return new Date(utc - (wall - utc));
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
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

/** The report, and every change of its period newest first (the model counts them; Excel lists each). */
export interface YearReport {
  report: Report;
  changes: HistoryEvent[];
}

export async function yearReport(deps: YearReportDeps, year: number): Promise<YearReport> {
  const now = deps.now();
  const [content, round, previous] = await Promise.all([deps.plan.content(), deps.rounds.forYear(year), deps.rounds.previousBefore(year)]);
  let state: FollowUpState;
  let source: ReportSource;
  if (round) {
    state = round.state;
    source = round.status === 'closed' && round.closedAt
      ? { kind: 'round', roundId: round.id, name: round.name, closedAt: round.closedAt }
      : { kind: 'openRound', roundId: round.id, name: round.name, takenAt: state.takenAt };
  } else {
    const today = stockholmDay(now);
    const end = `${year}-12-31`;
    state = await liveFollowUpState(deps, { from: `${year}-01-01`, to: end < today ? end : today });
    source = { kind: 'live', takenAt: state.takenAt };
  }
  // The period's changes: from its first day's midnight in Sweden to the end of its last day, and
  // for a closed round never after its closing, so that its report reads the same next year.
  const end = new Date(Math.min(stockholmMidnight(nextDay(state.period.to)).getTime() - 1, source.kind === 'round' ? Date.parse(source.closedAt) : now.getTime()));
  const events = await eventsBetween(deps, {
    scopes: content.arenas.map((a) => a.id),
    from: new Date(stockholmMidnight(state.period.from).getTime() - 1),
    to: end,
    measureArenas: 'all',
    plan: historyPlanOf(content, state),
  });
  const report = buildReport({
    year,
    planName: content.plan.name,
    strategies: content.strategies,
    arenaList: content.arenas,
    state,
    source,
    ...(previous ? { previous: { name: previous.name, state: previous.state } } : {}),
    events,
    sender: content.arenas.find((a) => a.kind === 'county')?.name ?? '',
    // A closed round's report is dated by its closing, so that it reads the same whenever it is made.
    madeAt: source.kind === 'round' ? source.closedAt : now.toISOString(),
    ...(round?.submissions ? { submissions: round.submissions } : {}),
  });
  return { report, changes: events };
}

/**
 * What the changes are named from (their activity, strategy and arena), as the report's state has
 * it: the plan is not read a second time, and a closed round's changes are named as they stood then.
 * Laid out as historyPlan lays it out (PlanStore.arenaPlan: the county's whole scope is its Bilaga 1).
 */
function historyPlanOf(content: PlanContentView, state: FollowUpState): HistoryPlan {
  const arenas = new Map(state.arenas.map((a) => [a.arena.id, a]));
  return {
    strategies: content.strategies.map((s) => ({ ...s, activities: state.county.filter((a) => a.strategyId === s.id) })),
    arenas: content.arenas.map((a) =>
      a.kind === 'county'
        ? { ...a, activities: [], bilaga1: [] }
        : { ...a, activities: arenas.get(a.id)?.local ?? [], bilaga1: arenas.get(a.id)?.bilaga1 ?? [] },
    ),
  };
}
