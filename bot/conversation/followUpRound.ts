// "uppföljning": the yearly follow-up round. In the county channel: the form that opens a round,
// or the open round's progress (who has submitted, what is still not followed up) with Ändra sista
// dag and Stäng omgången (after a confirmation). In an arena's channel: the arena's card, the one
// posted there when the round opened: its items with the inline update form, and Lämna in. The
// work is done by bot/useCases/followUpRound.ts, which the tab's API calls too.
import type { CardJson } from '../cards/bind';
import { messageCard } from '../cards/messageCard';
import { arenaRoundCardFor, roundConfirmCloseCard, roundNoticeCard, roundOpenCard, roundProgressCard, type Tone } from '../cards/roundCards';
import { longDate } from '../reminders/rules';
import type { Round } from '../domain/followUpRound';
import { planDay } from '../domain/revision';
import {
  announceRound, arenaRoundView, changeRoundAndTell, mayManageRounds, openRound, openingDefaults, roundProgress, submitRound,
  type RoundDeps, type RoundOutcome, type Who,
} from '../useCases/followUpRound';
import type { Feature } from './feature';
import { formOrigin, saveFullForm, saveInlineItem, type ListSave } from './subActivityUpdate';
import { cards, type ArenaTurn } from './turn';

const deps = (at: ArenaTurn): RoundDeps => ({ plan: at.services.plan, measures: at.services.measures, rounds: at.services.rounds, projectLeaderIds: at.services.projectLeaderIds, now: at.services.now });
const who = (at: ArenaTurn): Who => ({ actor: at.turn.actor, origin: at.origin });
const text = (data: Record<string, unknown>, key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
const pageOf = (data: Record<string, unknown>) => {
  const n = Number(data.page);
  return Number.isInteger(n) && n >= 0 && n < 10_000 ? n : 0;
};

const arenaCard = arenaRoundCardFor;

/** The round this channel works with: the open one, or else the newest. */
async function currentRound(at: ArenaTurn): Promise<Round | undefined> {
  const rounds = await at.services.rounds.list();
  return rounds.find((r) => r.status === 'open') ?? rounds[0];
}

/** What "uppföljning" answers here: the county's progress (or opening form), an arena's card. */
export async function roundCard(at: ArenaTurn, notice?: { text: string; tone: Tone; details?: string[] }): Promise<CardJson> {
  const round = await currentRound(at);
  if (at.arena.kind === 'county') {
    const today = planDay(at.services.now());
    if (!round || (round.status === 'closed' && round.id < today.slice(0, 4))) return openForm(at, round, notice);
    return progressCard(at, round, notice);
  }
  if (!round) {
    return messageCard({ title: 'Ingen uppföljningsomgång är öppen', text: `Länsgemensam samverkan öppnar den årliga uppföljningen. Då kommer ett kort hit med ${at.arena.name}s aktiviteter och knappen Lämna in.`, buttons: [{ title: 'Status', command: 'status' }] });
  }
  return arenaCard(at.services.links, await arenaRoundView(deps(at), round, at.arena), 0, notice);
}

async function progressCard(at: ArenaTurn, round: Round, notice?: { text: string; tone: Tone; details?: string[] }): Promise<CardJson> {
  const found = await roundProgress(deps(at), round.id);
  if (!found) return messageCard({ title: round.name, text: 'Omgångens läge kunde inte läsas.', tone: 'error' });
  return roundProgressCard({
    round: found.round,
    progress: found.progress,
    mayChange: mayManageRounds(at.view, who(at), at.services.projectLeaderIds),
    today: planDay(at.services.now()),
    tabUrl: at.services.links.tab('uppfoljning'),
    ...(notice ? { notice } : {}),
  });
}

async function openForm(at: ArenaTurn, previous: Round | undefined, notice?: { text: string; tone: Tone; details?: string[] }, typed: Record<string, unknown> = {}, errors?: { title: string; list: string[] }): Promise<CardJson> {
  const defaults = await openingDefaults(deps(at));
  const manager = mayManageRounds(at.view, who(at), at.services.projectLeaderIds);
  const value = (key: string, fallback: string) => (typeof typed[key] === 'string' ? (typed[key] as string) : fallback);
  const before = previous ? ` Förra omgången, ${previous.name}, är stängd.` : '';
  return roundOpenCard({
    title: 'Årlig uppföljning',
    text: manager
      ? `Ingen uppföljningsomgång är öppen.${before} Öppna årets omgång: varje arenas kanal får ett kort med sina aktiviteter och knappen Lämna in.`
      : `Ingen uppföljningsomgång är öppen.${before} Den öppnas i kanalen för länsgemensam samverkan.`,
    mayOpen: manager,
    name: value('roundName', defaults.name),
    from: value('roundFrom', defaults.from),
    to: value('roundTo', defaults.to),
    lastDay: value('roundLastDay', defaults.lastDay),
    ...(errors ? { errorTitle: errors.title, errors: errors.list } : notice ? { errorTitle: notice.text, errors: notice.details ?? [] } : {}),
  });
}

function refusal(message: string, details: string[] = []): CardJson {
  return messageCard({ title: 'Det gick inte', text: message, tone: 'warning', details, buttons: [{ title: 'Uppföljning', command: 'uppföljning' }] });
}

async function open(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const outcome = await openRound(deps(at), who(at), { name: text(data, 'roundName'), from: text(data, 'roundFrom'), to: text(data, 'roundTo'), lastDay: text(data, 'roundLastDay') });
  switch (outcome.kind) {
    case 'saved': {
      const links = at.services.links;
      const { sent, failed } = await announceRound({ ...deps(at), channels: at.services.channels, sender: at.services.sender }, outcome.after, (view) => arenaCard(links, view));
      at.services.log.info({ roundId: outcome.after.id, sent, failed }, 'Follow-up round opened; arenas sent their cards');
      return progressCard(at, outcome.after, { text: `${outcome.after.name} är öppen. Arenornas kort skickades till ${sent} ${sent === 1 ? 'kanal' : 'kanaler'}${failed > 0 ? ` (${failed} gick inte att nå)` : ''}.`, tone: 'good' });
    }
    case 'conflict':
      return progressCard(at, outcome.current, { text: outcome.current.status === 'open' ? `${outcome.current.name} är redan öppen: här är den som den är nu. Ingen ny omgång öppnades.` : `${outcome.current.name} finns redan och är stängd. Ingen ny omgång öppnades.`, tone: 'warning' });
    case 'refused':
      if (outcome.reason === 'notAllowed') return refusal(outcome.message);
      return openForm(at, undefined, undefined, data, { title: `${outcome.message} Rätta det som står här och försök igen:`, list: outcome.errors });
    default:
      return refusal('Uppföljningsomgången kunde inte öppnas.');
  }
}

const telling = (at: ArenaTurn) => ({ ...deps(at), channels: at.services.channels, sender: at.services.sender });
const toldText = (told?: { sent: number; failed: number }) =>
  told && told.sent + told.failed > 0 ? ` ${told.sent} ${told.sent === 1 ? 'arenakanal har' : 'arenakanaler har'} fått veta det${told.failed > 0 ? ` (${told.failed} gick inte att nå)` : ''}.` : '';

async function change(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const roundId = text(data, 'roundId');
  const { outcome, told } = await changeRoundAndTell(telling(at), who(at), roundId, { etag: text(data, 'etag'), lastDay: text(data, 'roundLastDay') }, roundNoticeCard);
  return changed(at, outcome, (round) => `Sista dag för arenorna att lämna in är nu ${longDate(round.lastDay)}.${toldText(told)}`);
}

async function close(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const { outcome, told } = await changeRoundAndTell(telling(at), who(at), text(data, 'roundId'), { etag: text(data, 'etag'), close: true }, roundNoticeCard);
  return changed(at, outcome, (round) => `${round.name} är stängd och läget är fryst.${toldText(told)}`);
}

async function changed(at: ArenaTurn, outcome: RoundOutcome, saved: (round: Round) => string): Promise<CardJson> {
  switch (outcome.kind) {
    case 'saved':
      return progressCard(at, outcome.after, { text: saved(outcome.after), tone: 'good' });
    case 'unchanged':
      return progressCard(at, outcome.after, { text: 'Ingenting ändrades.', tone: 'default' });
    case 'conflict':
      return progressCard(at, outcome.current, { text: 'Någon annan hann ändra omgången först: ingenting har sparats. Här är den som den är nu.', tone: 'warning' });
    case 'refused': {
      if (outcome.reason === 'notAllowed') return refusal(outcome.message);
      const round = await currentRound(at);
      return round ? progressCard(at, round, { text: outcome.message, tone: 'attention', details: outcome.errors }) : refusal(outcome.message, outcome.errors);
    }
    case 'notFound':
      return refusal('Den uppföljningsomgången finns inte. Ingenting har ändrats.');
  }
}

async function askClose(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  if (!mayManageRounds(at.view, who(at), at.services.projectLeaderIds)) return refusal('Uppföljningsomgången stängs i kanalen för länsgemensam samverkan, eller av projektledarna. Ingenting har ändrats.');
  const found = await roundProgress(deps(at), text(data, 'roundId'));
  if (!found || found.round.status !== 'open') return roundCard(at);
  // The confirmation carries the version the person saw: a change meanwhile makes closing a conflict.
  return roundConfirmCloseCard({ ...found.round, etag: text(data, 'etag') }, found.progress, planDay(at.services.now()));
}

async function arenaPage(at: ArenaTurn, data: Record<string, unknown>, banner?: { text: string; tone: Tone; details?: string[] }): Promise<CardJson> {
  const round = (await at.services.rounds.get(text(data, 'roundId'))) ?? (await currentRound(at));
  if (!round || at.arena.kind === 'county') return roundCard(at, banner);
  return arenaCard(at.services.links, await arenaRoundView(deps(at), round, at.arena), pageOf(data), banner);
}

/** Spara under one item: saved through the one update path; the whole card comes back, on the same page. */
async function saveItem(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  return backOnPage(at, data, await saveInlineItem(at, data, 'the round card', roundOrigin(data)));
}

/** Spara on the full form opened from the card (Hela formuläret): the same save, and the card again at its page. */
async function saveForm(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  return backOnPage(at, data, await saveFullForm(at, data, roundOrigin(data)));
}

/** The card's page to lead back to from the full form: this round, this page (or, unreadable, none). */
const roundOrigin = (data: Record<string, unknown>) => formOrigin({ card: 'round', roundId: data.roundId, page: data.page });

async function backOnPage(at: ArenaTurn, data: Record<string, unknown>, result: ListSave): Promise<CardJson> {
  if ('card' in result) return result.card;
  return arenaPage(at, data, { text: result.banner, tone: result.saved ? 'good' : 'default' });
}

async function submit(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const round = await at.services.rounds.get(text(data, 'roundId'));
  if (!round) return refusal('Den uppföljningsomgången finns inte. Ingenting har lämnats in.');
  const outcome = await submitRound(deps(at), who(at), round.id, at.arena, text(data, 'roundComment'));
  switch (outcome.kind) {
    case 'saved':
      return arenaPage(at, data, { text: `${at.arena.name}s uppföljning är inlämnad av ${outcome.after.submittedBy}${outcome.after.version > 1 ? ` (${outcome.after.version}:e gången)` : ''}. Tack!`, tone: 'good' });
    case 'refused':
      return outcome.reason === 'notAllowed' ? refusal(outcome.message) : arenaPage(at, data, { text: outcome.message, tone: 'attention', details: outcome.errors });
    default:
      return arenaPage(at, data, { text: 'Inlämningen kunde inte sparas just nu: försök igen om en stund.', tone: 'attention' });
  }
}

export const followUpRoundFeature: Feature = {
  commands: {
    followUpRound: async (at) => cards(await roundCard(at)),
  },
  actions: {
    roundOpen: (at, data) => open(at, data),
    roundCancel: async () => messageCard({ title: 'Ingen omgång öppnades', text: 'Ingenting har ändrats. Skriv "uppföljning" när det är dags.', buttons: [{ title: 'Uppföljning', command: 'uppföljning' }] }),
    roundShow: (at) => roundCard(at),
    roundChange: (at, data) => change(at, data),
    roundCloseAsk: (at, data) => askClose(at, data),
    roundClose: (at, data) => close(at, data),
    roundPage: (at, data) => arenaPage(at, data),
    roundSaveItem: (at, data) => saveItem(at, data),
    roundSaveForm: (at, data) => saveForm(at, data),
    roundSubmit: (at, data) => submit(at, data),
  },
};
