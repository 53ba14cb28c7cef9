// The plan's revision, whoever asks: the bot's cards and the tab's API call these. Opening,
// changing and closing the revision and recording its decisions is for the county (its channel,
// or a member of it in the tab) and the project leaders (PROJECT_LEADER_IDS); proposals come from
// each arena and the county until the last day. Every write carries the ETag the person saw.
import { randomBytes } from 'node:crypto';
import type { Actor } from '../domain/activityState';
import { mayChange, type Origin } from '../domain/authorization';
import type { Arena } from '../domain/plan';
import type { ActivityView, PlanContentView } from '../domain/planView';
import {
  acceptsProposals, emptyStep, parseLastDay, parseProposal, parseStep, planDay, sameProposal, sameStep, stepIds,
  type Proposal, type ProposalEntry, type Revision, type Step,
} from '../domain/revision';
import { parseLocalRevision, type LocalRevision } from '../domain/localRevision';
import type { ChannelStore } from '../storage/channelStore';
import type { PlanStore } from '../storage/planStore';
import type { RevisionData, RevisionStore } from '../storage/revisionStore';
import type { CardJson, ProactiveSender } from './proactiveSender';
import { notFound, refused, type UpdateOutcome } from './outcome';

export interface RevisionDeps {
  plan: Pick<PlanStore, 'content' | 'scope'>;
  revisions: RevisionStore;
  projectLeaderIds: string[];
  now: () => Date;
}

/** Who acts, and from where: the same rules for a card and for the tab. */
export interface Who {
  actor: Actor;
  /** The arena the person acts for (the channel's arena, or the one chosen in the tab). */
  origin: Origin;
}

const NOT_COUNTY = 'Revideringen öppnas, ändras och stängs, och besluten registreras, i kanalen för länsgemensam samverkan eller av projektledarna.';

function countyOf(view: PlanContentView): Arena {
  const county = view.arenas.find((a) => a.kind === 'county');
  if (!county) throw new Error('The plan has no county arena');
  return county;
}

export function mayManage(view: PlanContentView, who: Who, projectLeaderIds: string[]): boolean {
  return projectLeaderIds.includes(who.actor.id) || mayChange(who.origin, countyOf(view)).allowed;
}

// ---- the revision itself --------------------------------------------------------------------

export type RevisionOutcome = UpdateOutcome<Revision, Revision>;

/** Opens the year's revision with a last day for proposals (or reopens a closed one). */
export async function openRevision(deps: RevisionDeps, who: Who, input: { lastDay: unknown }): Promise<RevisionOutcome> {
  const view = await deps.plan.content();
  if (!mayManage(view, who, deps.projectLeaderIds)) return refused('notAllowed', NOT_COUNTY);
  const today = planDay(deps.now());
  const lastDay = parseLastDay(input.lastDay, today);
  if (!lastDay.ok) return refused('invalid', 'Revideringen öppnades inte.', lastDay.errors);
  const id = today.slice(0, 4);
  const existing = await deps.revisions.read(id);
  if (existing?.revision.status === 'open') return { kind: 'conflict', current: existing.revision, since: [] };
  const written = existing
    ? await deps.revisions.updateRevision(existing.revision, { status: 'open', lastDay: lastDay.value }, who.actor)
    : await deps.revisions.open(id, lastDay.value, who.actor);
  if (written.kind === 'conflict') {
    const now = await deps.revisions.read(id);
    return now ? { kind: 'conflict', current: now.revision, since: [] } : notFound;
  }
  return { kind: 'saved', after: written.after, entry: written.after };
}

/** Changes the last day, or closes the revision (status "closed"), against the version seen. */
export async function changeRevision(deps: RevisionDeps, who: Who, input: { etag: unknown; lastDay?: unknown; close?: boolean }): Promise<RevisionOutcome> {
  const view = await deps.plan.content();
  if (!mayManage(view, who, deps.projectLeaderIds)) return refused('notAllowed', NOT_COUNTY);
  const data = await deps.revisions.current();
  if (!data) return notFound;
  const current = data.revision;
  let lastDay = current.lastDay;
  if (input.lastDay !== undefined && input.lastDay !== current.lastDay) {
    const parsed = parseLastDay(input.lastDay, planDay(deps.now()));
    if (!parsed.ok) return refused('invalid', 'Sista dagen ändrades inte.', parsed.errors);
    lastDay = parsed.value;
  }
  const status = input.close ? 'closed' : current.status;
  if (current.etag !== input.etag) return { kind: 'conflict', current, since: [] };
  if (status === current.status && lastDay === current.lastDay) return { kind: 'unchanged', after: current };
  const written = await deps.revisions.updateRevision(current, { status, lastDay }, who.actor);
  if (written.kind === 'conflict') return { kind: 'conflict', current: (await deps.revisions.current())?.revision ?? current, since: [] };
  return { kind: 'saved', after: written.after, entry: written.after };
}

// ---- an arena's local revision -------------------------------------------------------------

export type LocalRevisionOutcome = UpdateOutcome<LocalRevision, LocalRevision> & { revision?: Revision };

/**
 * An arena records that it has revised its local plan, while the county's revision is open: its
 * own members only, with the day, its decision reference and what changed. A second record
 * corrects the first (kept in the history), against the version the person saw.
 */
export async function recordLocalRevision(deps: RevisionDeps, who: Who, command: { arena: Arena; etag?: string; input: Record<string, unknown> }): Promise<LocalRevisionOutcome> {
  const { arena } = command;
  if (arena.kind === 'county') return refused('notAllowed', 'Länets plan är Bilaga 1: den revideras med förslag och huvudmännens beslut. Lokal revidering registreras i varje lokal arenas kanal.');
  const decision = mayChange(who.origin, arena);
  if (!decision.allowed) return refused('notAllowed', `${decision.reason.replace('Aktiviteter för', 'Den lokala planen för')} Ingenting har ändrats.`);
  const data = await deps.revisions.current();
  if (!data || data.revision.status !== 'open') return refused('invalid', 'Ingen revidering av planen är öppen: den lokala planen revideras medan länets revidering är öppen.');
  const parsed = parseLocalRevision(command.input, planDay(deps.now()));
  if (!parsed.ok) return { ...refused('invalid', 'Den lokala revideringen sparades inte.', parsed.errors), revision: data.revision };
  const seen = data.localRevisions.find((r) => r.arenaId === arena.id);
  if (seen && seen.etag !== command.etag) return { kind: 'conflict', current: seen, since: [], revision: data.revision };
  if (seen && seen.date === parsed.value.date && seen.reference === parsed.value.reference && seen.changes === parsed.value.changes) return { kind: 'unchanged', after: seen, revision: data.revision };
  const written = await deps.revisions.writeLocalRevision(data.revision.id, arena.id, parsed.value, seen, who.actor);
  if (written.kind === 'conflict') {
    const now = (await deps.revisions.read(data.revision.id))?.localRevisions.find((r) => r.arenaId === arena.id);
    return now ? { kind: 'conflict', current: now, since: [], revision: data.revision } : notFound;
  }
  return { kind: 'saved', after: written.after, entry: written.after, revision: data.revision };
}

// ---- proposals ------------------------------------------------------------------------------

/** An item of the plan a proposal can be about: an activity or a sub-activity, of Bilaga 1 or an arena's local plan. */
export interface PlanItem {
  id: string;
  kind: 'activity' | 'sub';
  scopeId: string;
  strategyId: string;
  activityId: string;
  title: string;
  period: { from: number; to: number };
  measure: string;
  target: string;
}

/** The items of a plan that can still be proposed about: an item retired in an earlier revision is closed (its id is never reused). */
export function itemsOf(activities: ActivityView[]): PlanItem[] {
  return activities.filter((a) => !a.retired).flatMap((a) => [
    { id: a.id, kind: 'activity' as const, scopeId: a.scopeId, strategyId: a.strategyId, activityId: a.id, title: a.title, period: { from: a.period.from, to: a.period.to }, measure: '', target: '' },
    ...a.subActivities.filter((d) => !d.retired).map((d) => ({ id: d.id, kind: 'sub' as const, scopeId: a.scopeId, strategyId: a.strategyId, activityId: a.id, title: d.title, period: { from: a.period.from, to: a.period.to }, measure: d.measure, target: d.target })),
  ]);
}

/** What an arena may propose about: Bilaga 1, and its own local plan (the county: Bilaga 1 only). */
export async function proposableItems(deps: Pick<RevisionDeps, 'plan'>, arena: Arena): Promise<PlanItem[]> {
  const view = await deps.plan.content();
  const county = countyOf(view);
  const [bilaga1, local] = await Promise.all([deps.plan.scope(county.id), arena.kind === 'county' ? Promise.resolve([]) : deps.plan.scope(arena.id)]);
  return [...itemsOf(bilaga1), ...itemsOf(local)];
}

export interface ProposeCommand {
  who: Who;
  /** The arena that proposes (must be the one the person acts for). */
  arena: Arena;
  /** An existing item, or a new activity under a strategy. */
  target: { itemId: string } | { newUnderStrategy: string; itemId?: string };
  /** The ETag of the proposal the person saw ("" when they saw none). */
  etag: string;
  input: Record<string, unknown>;
}

export type ProposalOutcome = UpdateOutcome<Proposal, ProposalEntry> & { revision?: Revision };

export async function propose(deps: RevisionDeps, command: ProposeCommand): Promise<ProposalOutcome> {
  const data = await deps.revisions.current();
  if (!data) return refused('invalid', 'Ingen revidering är öppen. Länsgemensam samverkan öppnar den med "revidering".');
  const { revision } = data;
  const today = planDay(deps.now());
  if (!acceptsProposals(revision, today)) {
    return { ...refused('notAllowed', revision.status === 'closed' ? 'Revideringen är stängd: förslag kan inte längre lämnas eller ändras.' : `Sista dag för förslag var ${revision.lastDay}: förslag kan inte längre lämnas eller ändras.`), revision };
  }
  const decision = mayChange(command.who.origin, command.arena);
  if (!decision.allowed) {
    const where = command.arena.kind === 'county' ? 'kanalen för länsgemensam samverkan' : `${command.arena.name}s kanal`;
    return refused('notAllowed', `Förslag från ${command.arena.name} lämnas i ${where}, eller av den som är med i den kanalen. Inget förslag har sparats.`);
  }
  const parsed = parseProposal(command.input);
  if (!parsed.ok) return { ...refused('invalid', 'Förslaget sparades inte.', parsed.errors), revision };

  let base: { itemId: string; strategyId: string; scopeId: string };
  if ('newUnderStrategy' in command.target) {
    const view = await deps.plan.content();
    const strategy = view.strategies.find((s) => s.id === (command.target as { newUnderStrategy: string }).newUnderStrategy);
    if (!strategy) return notFound;
    if (parsed.value.kind !== 'new') return { ...refused('invalid', 'Förslaget sparades inte.', ['Under en strategi kan bara en ny aktivitet föreslås.']), revision };
    const existingId = command.target.itemId;
    const own = existingId ? data.proposals.find((p) => p.itemId === existingId && p.arenaId === command.arena.id && p.kind === 'new') : undefined;
    if (existingId && !own) return notFound;
    base = { itemId: existingId ?? `ny-${randomBytes(4).toString('hex')}`, strategyId: strategy.id, scopeId: command.arena.id };
  } else {
    const item = (await proposableItems(deps, command.arena)).find((i) => i.id === (command.target as { itemId: string }).itemId);
    if (!item) return notFound;
    if (parsed.value.kind === 'new') return { ...refused('invalid', 'Förslaget sparades inte.', ['Välj behåll, ändra eller avsluta för en befintlig aktivitet.']), revision };
    base = { itemId: item.id, strategyId: item.strategyId, scopeId: item.scopeId };
  }

  const seen = data.proposals.find((p) => p.itemId === base.itemId && p.arenaId === command.arena.id);
  if ((seen?.etag ?? '') !== command.etag) return seen ? { kind: 'conflict', current: seen, since: [], revision } : notFound;
  if (seen && sameProposal(seen, parsed.value)) return { kind: 'unchanged', after: seen, revision };
  const written = await deps.revisions.writeProposal({ revisionId: revision.id, arenaId: command.arena.id, ...base }, parsed.value, seen, command.who.actor);
  if (written.kind === 'conflict') {
    const now = (await deps.revisions.current())?.proposals.find((p) => p.itemId === base.itemId && p.arenaId === command.arena.id);
    return now ? { kind: 'conflict', current: now, since: [], revision } : notFound;
  }
  const { etag: _etag, ...entry } = written.after;
  return { kind: 'saved', after: written.after, entry, revision };
}

// ---- decisions (beslutsgång) -----------------------------------------------------------------

/** Every step of the decision process, recorded or not, in order. */
export function stepsOf(view: PlanContentView, data: RevisionData): Step[] {
  return stepIds(view.arenas).map((id) => data.steps.find((s) => s.id === id) ?? emptyStep(id));
}

export type StepOutcome = UpdateOutcome<Step, Step>;

export async function recordStep(deps: RevisionDeps, who: Who, command: { stepId: string; etag: string; input: Record<string, unknown> }): Promise<StepOutcome> {
  const view = await deps.plan.content();
  if (!mayManage(view, who, deps.projectLeaderIds)) return refused('notAllowed', NOT_COUNTY);
  const data = await deps.revisions.current();
  if (!data) return notFound;
  const seen = stepsOf(view, data).find((s) => s.id === command.stepId);
  if (!seen) return notFound;
  const parsed = parseStep(command.input);
  if (!parsed.ok) return refused('invalid', 'Beslutet registrerades inte.', parsed.errors);
  if (seen.etag !== command.etag) return { kind: 'conflict', current: seen, since: [] };
  if (sameStep(seen, parsed.value)) return { kind: 'unchanged', after: seen };
  const written = await deps.revisions.writeStep(data.revision.id, seen, parsed.value, who.actor);
  if (written.kind === 'conflict') {
    const now = await deps.revisions.current();
    return { kind: 'conflict', current: (now && stepsOf(view, now).find((s) => s.id === command.stepId)) ?? seen, since: [] };
  }
  return { kind: 'saved', after: written.after, entry: written.after };
}

// ---- asking the arenas -------------------------------------------------------------------------

/**
 * Sends the card asking for proposals to every active channel linked to a local arena, through
 * the proactive sender the reminders use (paced, retried). Returns how many were sent.
 */
export async function askArenas(deps: { plan: Pick<PlanStore, 'content'>; channels: Pick<ChannelStore, 'all'>; sender: ProactiveSender }, card: (arena: Arena) => CardJson): Promise<{ sent: number; failed: number }> {
  const view = await deps.plan.content();
  let sent = 0;
  let failed = 0;
  const channels = await deps.channels.all();
  for (const arena of view.arenas.filter((a) => a.kind !== 'county')) {
    for (const channel of channels.filter((c) => c.arenaId === arena.id && c.state === 'active')) {
      const outcome = await deps.sender.send(channel.reference, card(arena));
      if (outcome.kind === 'sent') sent++;
      else failed++;
    }
  }
  return { sent, failed };
}
