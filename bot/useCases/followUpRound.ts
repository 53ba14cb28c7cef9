// The yearly follow-up round, whoever asks: the bot's cards, the tab's API and the reminders call
// these. Opening, changing and closing a round and writing the county's analysis is for the county
// (its channel, or a member of it in the tab) and the project leaders (PROJECT_LEADER_IDS); an
// arena submits only for itself. Every write carries the ETag the person saw; closing freezes the
// follow-up state as the round's snapshot (bot/storage/roundStore.ts).
import { mayChange } from '../domain/authorization';
import {
  defaultPeriodFrom, parseAnalysisText, parseChangeRound, parseOpenRound, parseSubmissionComment, roundItems, roundPeriod, ROUND_TEXTS, roundProgressOf, setAsideCounts,
  type ArenaRoundView, type Round, type RoundProgress,
} from '../domain/followUpRound';
import type { FollowUpState, StrategyAnalysis, Submission } from '../domain/followUpState';
import type { Arena } from '../domain/plan';
import { NOT_YET_WRITTEN, type PlanContentView } from '../domain/planView';
import { planDay } from '../domain/revision';
import type { ChannelStore } from '../storage/channelStore';
import type { AnalysisEntry, RoundStore, StoredAnalysis } from '../storage/roundStore';
import type { CardJson, ProactiveSender } from './proactiveSender';
import { liveFollowUpState, type FollowUpStateDeps } from './followUpState';
import { notFound, refused, type UpdateOutcome } from './outcome';
import { mayManage, type Who } from './revision';

export type { ArenaRoundView };

export type { Who };

export interface RoundDeps extends FollowUpStateDeps {
  rounds: RoundStore;
  projectLeaderIds: string[];
}

/** What reading a round's state needs (the report reads rounds with these, without the managers' list). */
export interface RoundReadDeps extends FollowUpStateDeps {
  rounds: Pick<RoundStore, 'get' | 'snapshot' | 'submissions' | 'analyses'>;
}

export const NOT_COUNTY_ROUND = 'Uppföljningsomgången öppnas, ändras och stängs i kanalen för länsgemensam samverkan, eller av projektledarna. Ingenting har ändrats.';

/** The plan's day (Europe/Stockholm) of an ISO time. */
export const dayOf = (iso: string): string => planDay(new Date(iso));

/** The days the round covers now: until today while it is open, until its closing once closed. */
export const periodOf = (deps: { now: () => Date }, round: Round): Round['period'] => roundPeriod(round, planDay(deps.now()), dayOf);

export function mayManageRounds(view: Parameters<typeof mayManage>[0], who: Who, projectLeaderIds: string[]): boolean {
  return mayManage(view, who, projectLeaderIds);
}

export type RoundOutcome = UpdateOutcome<Round, Round>;

/** Every round, newest first, each with the days it covers now (an open one's until today). */
export async function listRounds(deps: { rounds: Pick<RoundStore, 'list'>; now: () => Date }): Promise<Round[]> {
  return (await deps.rounds.list()).map((r) => ({ ...r, period: periodOf(deps, r) }));
}

/** What the opening form starts with: the name, the period and a last day three weeks ahead. */
export async function openingDefaults(deps: Pick<RoundDeps, 'plan' | 'rounds' | 'now'>): Promise<{ name: string; from: string; to: string; lastDay: string; year: string }> {
  const view = await deps.plan.content();
  const today = planDay(deps.now());
  const year = today.slice(0, 4);
  const previous = (await deps.rounds.list()).find((r) => r.id < year);
  const lastDay = new Date(Date.parse(`${today}T12:00:00Z`) + 21 * 86_400_000).toISOString().slice(0, 10);
  return { name: `Uppföljning ${year}`, from: defaultPeriodFrom(view, previous, dayOf), to: today, lastDay, year };
}

/**
 * Opens the round of the current year. A conflict (with the round as it is) when a round is open
 * already, or this year's round exists.
 */
export async function openRound(deps: RoundDeps, who: Who, input: { name?: unknown; from?: unknown; to?: unknown; lastDay?: unknown }): Promise<RoundOutcome> {
  const view = await deps.plan.content();
  if (!mayManage(view, who, deps.projectLeaderIds)) return refused('notAllowed', NOT_COUNTY_ROUND);
  const defaults = await openingDefaults(deps);
  const parsed = parseOpenRound(input as Record<string, unknown>, { year: defaults.year, today: defaults.to, from: defaults.from });
  if (!parsed.ok) return refused('invalid', 'Uppföljningsomgången öppnades inte.', parsed.errors);
  const rounds = await deps.rounds.list();
  const blocking = rounds.find((r) => r.status === 'open') ?? rounds.find((r) => r.id === defaults.year);
  if (blocking) return { kind: 'conflict', current: blocking, since: [] };
  const written = await deps.rounds.open({ id: defaults.year, ...parsed.value }, who.actor);
  if (written.kind === 'conflict') {
    const now = await deps.rounds.get(defaults.year);
    return now ? { kind: 'conflict', current: now, since: [] } : notFound;
  }
  return { kind: 'saved', after: written.after, entry: written.after };
}

/** Changes an open round's name or last day, or closes it (`close`), against the version seen. */
export async function changeRound(deps: RoundDeps, who: Who, roundId: string, input: { etag: unknown; name?: unknown; lastDay?: unknown; close?: boolean }): Promise<RoundOutcome> {
  const view = await deps.plan.content();
  if (!mayManage(view, who, deps.projectLeaderIds)) return refused('notAllowed', NOT_COUNTY_ROUND);
  const current = await deps.rounds.get(roundId);
  if (!current) return notFound;
  if (current.status === 'closed') return refused('notAllowed', `${current.name} är stängd och fryst: den kan inte ändras. Ingenting har ändrats.`);
  if (current.etag !== input.etag) return { kind: 'conflict', current, since: [] };
  if (input.close) return close(deps, who, current);
  const parsed = parseChangeRound({ name: input.name, lastDay: input.lastDay }, current, planDay(deps.now()));
  if (!parsed.ok) return refused('invalid', `${current.name} ändrades inte.`, parsed.errors);
  if (parsed.value.name === current.name && parsed.value.lastDay === current.lastDay) return { kind: 'unchanged', after: current };
  const written = await deps.rounds.update(current, parsed.value, who.actor);
  if (written.kind === 'conflict') return { kind: 'conflict', current: (await deps.rounds.get(roundId)) ?? current, since: [] };
  return { kind: 'saved', after: written.after, entry: written.after };
}

/** Closes the round: freezes the follow-up state as it is now, then marks the round closed. */
export async function closeRound(deps: RoundDeps, who: Who, roundId: string, etag: unknown): Promise<RoundOutcome> {
  return changeRound(deps, who, roundId, { etag, close: true });
}

async function close(deps: RoundDeps, who: Who, current: Round): Promise<RoundOutcome> {
  const state = await liveState(deps, current);
  // Every snapshot row first (stamped with the closing's time), then the round row: a closing that
  // stops half-way leaves the round open, and closing again writes the snapshot anew.
  await deps.rounds.writeSnapshot(current.id, state);
  const written = await deps.rounds.update(current, { status: 'closed', closedAt: state.takenAt, closedBy: who.actor.name, period: state.period }, who.actor);
  if (written.kind === 'conflict') return { kind: 'conflict', current: (await deps.rounds.get(current.id)) ?? current, since: [] };
  return { kind: 'saved', after: written.after, entry: written.after };
}

async function liveState(deps: RoundReadDeps, round: Round): Promise<FollowUpState> {
  const [submissions, analyses] = await Promise.all([deps.rounds.submissions(round.id), deps.rounds.analyses(round.id)]);
  return liveFollowUpState(deps, periodOf(deps, round), {
    submissions: submissions.map(({ etag: _etag, ...s }) => s),
    analysis: analyses.filter((a) => a.version > 0).map(({ etag: _etag, version: _version, ...a }) => a),
  });
}

/** The round's follow-up state: the snapshot of a closed round, the live state of an open one. */
export async function roundState(deps: RoundReadDeps, roundId: string): Promise<FollowUpState | undefined> {
  const round = await deps.rounds.get(roundId);
  if (!round) return undefined;
  return stateOf(deps, round);
}

async function stateOf(deps: RoundReadDeps, round: Round): Promise<FollowUpState | undefined> {
  if (round.status === 'closed') return round.closedAt ? deps.rounds.snapshot(round.id, round.closedAt) : undefined;
  return liveState(deps, round);
}

/** Which arenas have submitted and what is still to be followed up, with the state it was read from. */
export async function roundProgress(deps: RoundReadDeps, roundId: string): Promise<{ round: Round; state: FollowUpState; progress: RoundProgress } | undefined> {
  const round = await deps.rounds.get(roundId);
  if (!round) return undefined;
  const state = await stateOf(deps, round);
  if (!state) return undefined;
  return { round: { ...round, period: state.period }, state, progress: roundProgressOf(state, state.period, dayOf) };
}

// ---- submissions --------------------------------------------------------------------------------

export type SubmissionOutcome = UpdateOutcome<Submission, Submission> & { round?: Round };

/** The arena submits (lämnar in) its part of the open round; again after a change is allowed, each kept. */
export async function submitRound(deps: RoundDeps, who: Who, roundId: string, arena: Arena, comment: unknown): Promise<SubmissionOutcome> {
  const round = await deps.rounds.get(roundId);
  if (!round) return notFound;
  if (round.status === 'closed') return { ...refused('notAllowed', `${round.name} är stängd: det går inte längre att lämna in.`), round };
  if (arena.kind === 'county') return { ...refused('invalid', 'Länsgemensam samverkan lämnar inte in: arenorna lämnar in, och länsgemensam samverkan stänger omgången.'), round };
  const decision = mayChange(who.origin, arena);
  if (!decision.allowed) return { ...refused('notAllowed', `${arena.name} lämnar in i ${arena.name}s kanal, eller av den som är med i den kanalen. Ingenting har lämnats in.`), round };
  const parsed = parseSubmissionComment(comment);
  if (!parsed.ok) return { ...refused('invalid', 'Ingenting lämnades in.', parsed.errors), round };
  // A submission is an event, not an edit of what someone saw: it is written on top of the latest,
  // and two people submitting at once both count (the second as the next version).
  for (let attempt = 0; attempt < 3; attempt++) {
    const seen = (await deps.rounds.submissions(round.id)).find((s) => s.arenaId === arena.id);
    const written = await deps.rounds.submit(round.id, seen, arena.id, parsed.value, who.actor);
    if (written.kind === 'written') {
      const { etag: _etag, ...after } = written.after;
      return { kind: 'saved', after, entry: after, round };
    }
  }
  const current = (await deps.rounds.submissions(round.id)).find((s) => s.arenaId === arena.id);
  if (!current) return notFound;
  const { etag: _etag, ...now } = current;
  return { kind: 'conflict', current: now, since: [], round };
}

// ---- the county's analysis ----------------------------------------------------------------------

export type AnalysisView = StrategyAnalysis & { strategyTitle: string; etag: string; version: number };

/** The texts the county writes for a round: the analysis of each strategy, then Slutsatser and Förslag inför nästa år. */
function roundTextTitles(view: Pick<PlanContentView, 'strategies'>): Array<{ id: string; title: string }> {
  return [...view.strategies.map((s) => ({ id: s.id, title: `${s.number}. ${s.title}` })), ...ROUND_TEXTS];
}

/**
 * Every strategy's analysis in plan order, then the round's Slutsatser and Förslag inför nästa år;
 * one never written has empty text and the NOT_YET_WRITTEN ETag.
 */
export async function roundAnalyses(deps: Pick<RoundDeps, 'plan' | 'rounds'>, roundId: string): Promise<AnalysisView[]> {
  const [view, stored] = await Promise.all([deps.plan.content(), deps.rounds.analyses(roundId)]);
  return roundTextTitles(view).map((t) => {
    const found = stored.find((a) => a.strategyId === t.id) ?? neverWritten(t.id);
    return { ...found, strategyTitle: t.title };
  });
}

function neverWritten(strategyId: string): StoredAnalysis {
  return { strategyId, text: '', updatedAt: '', updatedBy: '', version: 0, etag: NOT_YET_WRITTEN };
}

export type AnalysisOutcome = UpdateOutcome<AnalysisView, AnalysisView>;

/** The county writes (or rewrites) its analysis of a strategy for an open round. */
export async function saveAnalysis(deps: RoundDeps, who: Who, roundId: string, strategyId: string, etag: unknown, text: unknown): Promise<AnalysisOutcome> {
  const view = await deps.plan.content();
  if (!mayManage(view, who, deps.projectLeaderIds)) return refused('notAllowed', 'Analysen skrivs i kanalen för länsgemensam samverkan, av den som är med i den, eller av projektledarna. Ingenting har sparats.');
  const round = await deps.rounds.get(roundId);
  const strategy = roundTextTitles(view).find((s) => s.id === strategyId);
  if (!round || !strategy) return notFound;
  if (round.status === 'closed') return refused('notAllowed', `${round.name} är stängd och fryst: analysen kan inte längre ändras. Ingenting har sparats.`);
  const parsed = parseAnalysisText(text);
  if (!parsed.ok) return refused('invalid', 'Analysen sparades inte.', parsed.errors);
  const title = strategy.title;
  const seen = (await deps.rounds.analyses(roundId)).find((a) => a.strategyId === strategyId) ?? neverWritten(strategyId);
  if (seen.etag !== etag) return { kind: 'conflict', current: { ...seen, strategyTitle: title }, since: [] };
  if (seen.version > 0 && seen.text === parsed.value) return { kind: 'unchanged', after: { ...seen, strategyTitle: title } };
  const written = await deps.rounds.writeAnalysis(roundId, seen, parsed.value, who.actor);
  if (written.kind === 'conflict') {
    const now = (await deps.rounds.analyses(roundId)).find((a) => a.strategyId === strategyId) ?? seen;
    return { kind: 'conflict', current: { ...now, strategyTitle: title }, since: [] };
  }
  const after = { ...written.after, strategyTitle: title };
  return { kind: 'saved', after, entry: after };
}

/** Every version of a strategy's analysis in the round, newest first. */
export async function analysisHistory(deps: Pick<RoundDeps, 'rounds'>, roundId: string, strategyId: string): Promise<AnalysisEntry[]> {
  return deps.rounds.analysisHistory(roundId, strategyId);
}

// ---- the arenas' cards --------------------------------------------------------------------------


/** An arena's part of a round: live for an open round, from the snapshot for a closed one. */
export async function arenaRoundView(deps: RoundDeps, round: Round, arena: Arena): Promise<ArenaRoundView> {
  if (round.status === 'closed' && round.closedAt) {
    const frozen = (await deps.rounds.snapshot(round.id, round.closedAt))?.arenas.find((a) => a.arena.id === arena.id);
    return { round, arena, items: frozen ? roundItems(frozen, periodOf(deps, round), dayOf) : [], ...(frozen ? { setAside: setAsideCounts(frozen) } : {}), ...(frozen?.submission ? { submission: frozen.submission } : {}) };
  }
  const [plan, submissions] = await Promise.all([deps.plan.arenaPlan(arena), deps.rounds.submissions(round.id)]);
  const found = submissions.find((s) => s.arenaId === arena.id);
  const submission = found ? (({ etag: _etag, ...s }) => s)(found) : undefined;
  return { round: { ...round, period: periodOf(deps, round) }, arena, items: roundItems(plan, periodOf(deps, round), dayOf), setAside: setAsideCounts(plan), ...(submission ? { submission } : {}) };
}

export interface AnnounceDeps extends RoundDeps {
  channels: Pick<ChannelStore, 'all'>;
  sender: ProactiveSender;
}

/**
 * Posts the round's card in every active channel linked to a municipality arena, through the
 * proactive sender the reminders use (paced, retried). Returns how many were sent.
 */
export async function announceRound(deps: AnnounceDeps, round: Round, card: (view: ArenaRoundView) => CardJson): Promise<{ sent: number; failed: number }> {
  const view = await deps.plan.content();
  const channels = (await deps.channels.all()).filter((c) => c.state === 'active');
  let sent = 0;
  let failed = 0;
  for (const arena of view.arenas.filter((a) => a.kind !== 'county')) {
    const linked = channels.filter((c) => c.arenaId === arena.id);
    if (linked.length === 0) continue;
    const arenaCard = card(await arenaRoundView(deps, round, arena));
    for (const channel of linked) {
      const outcome = await deps.sender.send(channel.reference, arenaCard);
      if (outcome.kind === 'sent') sent++;
      else failed++;
    }
  }
  return { sent, failed };
}

/** What the arenas are told about a change of the round: the last day moved, or the round closed. */
export type RoundNotice = 'lastDayMoved' | 'closed';

/**
 * Changes (or closes) the round as `changeRound` does, and tells the arenas: a moved last day goes
 * to those that have not submitted, a closing to every arena, each in its linked channels through
 * the proactive sender. `card` makes the message for an arena.
 */
export async function changeRoundAndTell(
  deps: AnnounceDeps,
  who: Who,
  roundId: string,
  input: Parameters<typeof changeRound>[3],
  card: (notice: RoundNotice, round: Round, arena: Arena, submitted: boolean) => CardJson,
): Promise<{ outcome: RoundOutcome; told?: { sent: number; failed: number } }> {
  const before = await deps.rounds.get(roundId);
  const outcome = await changeRound(deps, who, roundId, input);
  if (outcome.kind !== 'saved' || !before) return { outcome };
  const round = outcome.after;
  const notice: RoundNotice | undefined = round.status === 'closed' ? 'closed' : round.lastDay !== before.lastDay ? 'lastDayMoved' : undefined;
  if (!notice) return { outcome };
  const submitted = new Set((await deps.rounds.submissions(round.id)).map((s) => s.arenaId));
  const view = await deps.plan.content();
  const channels = (await deps.channels.all()).filter((c) => c.state === 'active');
  let sent = 0;
  let failed = 0;
  for (const arena of view.arenas.filter((a) => a.kind !== 'county')) {
    if (notice === 'lastDayMoved' && submitted.has(arena.id)) continue;
    for (const channel of channels.filter((c) => c.arenaId === arena.id)) {
      const result = await deps.sender.send(channel.reference, card(notice, round, arena, submitted.has(arena.id)));
      if (result.kind === 'sent') sent++;
      else failed++;
    }
  }
  return { outcome, told: { sent, failed } };
}
