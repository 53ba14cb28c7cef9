// An arena keeps its own local plan in its channel (plan 1.6): Ändra aktiviteten changes a local
// activity's text (editLocalActivity), Avsluta lokalt / Ta upp igen end it and take it up again,
// and Ej aktuellt lokalt / Aktuellt lokalt igen say whether a Bilaga 1 item is done here (both
// through updateSubActivity, the one update path). Everyone sees these cards; only the arena's
// members change anything (mayChange, in the use cases).
import { z } from 'zod';
import type { CardJson } from '../cards/bind';
import { localActivityEditCard, notApplicableCard, type LocalActivityForm } from '../cards/localPlanCards';
import { messageCard } from '../cards/messageCard';
import { subActivityCard } from '../cards/subActivityCard';
import { mayChange } from '../domain/authorization';
import { idSchema } from '../domain/validation';
import { editLocalActivity, type EditLocalActivityOutcome } from '../useCases/editLocalActivity';
import { locateSubActivity, type Located, type SubActivityOutcome } from '../useCases/updateSubActivity';
import type { Feature } from './feature';
import { notFoundCard, saveFromCard, unreadable } from './subActivityUpdate';
import type { ArenaTurn } from './turn';

const target = z.object({ scopeId: idSchema, subActivityId: idSchema });
const saveTarget = target.extend({ etag: z.string().min(1).max(200), version: z.coerce.number().int().min(0).max(1e9) });
type SaveTarget = z.infer<typeof saveTarget>;

const text = (data: Record<string, unknown>, key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');

function refusal(message: string): CardJson {
  return messageCard({ title: 'Det här får du inte ändra här', text: message, tone: 'warning' });
}

async function locate(at: ArenaTurn, scopeId: string, subActivityId: string): Promise<Located | undefined> {
  const scope = at.view.arenas.find((a) => a.id === scopeId);
  return scope ? locateSubActivity(at.services, scope, subActivityId) : undefined;
}

/** The located item, if the person may change it here: else the card that says why not. */
async function changeable(at: ArenaTurn, data: Record<string, unknown>, kind: 'local' | 'followUp'): Promise<{ found: Located } | { card: CardJson }> {
  const parsed = target.safeParse(data);
  if (!parsed.success) return { card: unreadable() };
  const found = await locate(at, parsed.data.scopeId, parsed.data.subActivityId);
  if (!found) return { card: notFoundCard() };
  const isLocal = found.sub.kind === 'own' && Boolean(found.activity.createdAt) && found.scope.kind !== 'county';
  if (kind === 'local' && !isLocal) return { card: refusal('Bara en arenas egna lokala aktiviteter ändras här; Bilaga 1 ändras när planen revideras. Ingenting har ändrats.') };
  if (kind === 'followUp' && found.sub.kind !== 'followUp') return { card: refusal('Bara en lokal arena kan säga att en delaktivitet i Bilaga 1 inte är aktuell lokalt. Ingenting har ändrats.') };
  const decision = mayChange(at.origin, found.scope);
  if (!decision.allowed) return { card: refusal(`${decision.reason} Ingenting har ändrats.`) };
  return { found };
}

/** The form's inputs as the person typed them, to show again after a conflict or a refusal. */
const FORM_KEYS: Record<string, keyof LocalActivityForm> = {
  strategyId: 'strategyId', title: 'title', description: 'description', periodFrom: 'from', periodTo: 'to', measure: 'measure', target: 'target', comment: 'comment', endReason: 'endReason',
};
function formOf(data: Record<string, unknown>): Partial<LocalActivityForm> {
  return Object.fromEntries(Object.entries(FORM_KEYS).filter(([input]) => typeof data[input] === 'string').map(([input, field]) => [field, text(data, input)]));
}

type EditExtra = Pick<Parameters<typeof localActivityEditCard>[0], 'proposed' | 'conflict' | 'problem'>;

function editCard(at: ArenaTurn, found: Located, extra: EditExtra = {}): CardJson {
  return localActivityEditCard({ arenaName: found.scope.name, activity: found.activity, sub: found.sub, strategies: at.view.strategies, today: at.services.now(), ...extra });
}

async function openEdit(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const checked = await changeable(at, data, 'local');
  return 'card' in checked ? checked.card : editCard(at, checked.found);
}

function savedCard(at: ArenaTurn, outcome: SubActivityOutcome | EditLocalActivityOutcome, banner: string): CardJson | undefined {
  if (outcome.kind === 'saved') return subActivityCard({ today: at.services.now(), activity: outcome.after.activity, sub: outcome.after.sub, latest: outcome.entry, banner: { text: banner, tone: 'good' }, bannerNamesSaver: true });
  if (outcome.kind === 'unchanged') return subActivityCard({ today: at.services.now(), activity: outcome.after.activity, sub: outcome.after.sub, banner: { text: 'Inget ändrades: det var redan sparat så.', tone: 'default' } });
  if (outcome.kind === 'notFound') return notFoundCard();
  if (outcome.kind === 'refused' && outcome.reason === 'notAllowed') return refusal(outcome.message);
  return undefined;
}

async function saveEdit(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const parsed = saveTarget.safeParse(data);
  if (!parsed.success) return unreadable();
  const scope = at.view.arenas.find((a) => a.id === parsed.data.scopeId);
  if (!scope) return notFoundCard();
  const input = { strategyId: data.strategyId, title: data.title, description: data.description, periodFrom: data.periodFrom, periodTo: data.periodTo, measure: data.measure, target: data.target, comment: data.comment };
  const outcome = await editLocalActivity(at.services, { scope, subActivityId: parsed.data.subActivityId, etag: parsed.data.etag, seenVersion: parsed.data.version, input, origin: at.origin, actor: at.turn.actor });
  const done = savedCard(at, outcome, `Sparat av ${at.turn.actor.name}.`);
  if (done) return done;
  if (outcome.kind === 'conflict') return editCard(at, outcome.current, { proposed: formOf(data), conflict: outcome.since });
  const found = await locate(at, parsed.data.scopeId, parsed.data.subActivityId);
  if (!found || outcome.kind !== 'refused') return notFoundCard();
  return editCard(at, found, { proposed: formOf(data), problem: { text: `${outcome.message} Rätta det som står nedan och spara igen.`, details: outcome.errors } });
}

/** Avsluta lokalt / Ta upp igen / Ej aktuellt lokalt / Aktuellt igen: one field through updateSubActivity. */
async function saveField(at: ArenaTurn, data: Record<string, unknown>, field: 'endedLocally' | 'notApplicable', value: string, banner: string, again: (found: Located, problem: { text: string; details: string[] }, conflict?: Parameters<typeof notApplicableCard>[0]['conflict']) => CardJson): Promise<CardJson> {
  const parsed = saveTarget.safeParse(data);
  if (!parsed.success) return unreadable();
  const save: SaveTarget = parsed.data;
  const outcome = await saveFromCard(at, { scopeId: save.scopeId, subActivityId: save.subActivityId, etag: save.etag, seenVersion: save.version, input: { [field]: value } });
  const done = savedCard(at, outcome, banner);
  if (done) return done;
  if (outcome.kind === 'conflict') return again(outcome.current, { text: '', details: [] }, outcome.since);
  const found = await locate(at, save.scopeId, save.subActivityId);
  if (!found || outcome.kind !== 'refused') return notFoundCard();
  return again(found, { text: outcome.message, details: outcome.errors });
}

async function end(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const checked = await changeable(at, data, 'local');
  if ('card' in checked) return checked.card;
  const reason = text(data, 'endReason').trim();
  const again = (found: Located, problem: { text: string; details: string[] }, conflict?: Parameters<typeof localActivityEditCard>[0]['conflict']) =>
    editCard(at, found, { proposed: formOf(data), ...(conflict ? { conflict } : { problem }) });
  if (reason === '') return again(checked.found, { text: 'Skriv ett kort skäl till att aktiviteten avslutas lokalt. Ingenting har ändrats.', details: [] });
  return saveField(at, data, 'endedLocally', reason, `Avslutad lokalt av ${at.turn.actor.name}. Den finns kvar med sin historik och kan tas upp igen.`, again);
}

async function resume(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const checked = await changeable(at, data, 'local');
  if ('card' in checked) return checked.card;
  return saveField(at, data, 'endedLocally', '', `Upptagen igen av ${at.turn.actor.name}.`, (found, problem, conflict) => editCard(at, found, conflict ? { conflict } : { problem }));
}

function naCard(at: ArenaTurn, found: Located, reason: string, problem?: { text: string; details: string[] }, conflict?: Parameters<typeof notApplicableCard>[0]['conflict']): CardJson {
  return notApplicableCard({ arenaName: found.scope.name, activity: found.activity, sub: found.sub, reason, today: at.services.now(), ...(problem && problem.text ? { problem } : {}), ...(conflict ? { conflict } : {}) });
}

async function openNotApplicable(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const checked = await changeable(at, data, 'followUp');
  return 'card' in checked ? checked.card : naCard(at, checked.found, checked.found.sub.notApplicable ?? '');
}

async function markNotApplicable(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const checked = await changeable(at, data, 'followUp');
  if ('card' in checked) return checked.card;
  const reason = text(data, 'notApplicableReason').trim();
  if (reason === '') return naCard(at, checked.found, '', { text: 'Skriv ett kort skäl till att den inte är aktuell lokalt. Ingenting har ändrats.', details: [] });
  return saveField(at, data, 'notApplicable', reason, `Ej aktuellt lokalt, sparat av ${at.turn.actor.name}. Den står inte längre i uppföljningen.`, (found, problem, conflict) => naCard(at, found, reason, problem, conflict));
}

async function applyAgain(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const checked = await changeable(at, data, 'followUp');
  if ('card' in checked) return checked.card;
  return saveField(at, data, 'notApplicable', '', `Aktuell lokalt igen, sparat av ${at.turn.actor.name}.`, (found, problem, conflict) => naCard(at, found, '', problem, conflict));
}

export const localPlanFeature: Feature = {
  actions: {
    editLocalActivity: openEdit,
    saveLocalActivity: saveEdit,
    endLocalActivity: end,
    resumeLocalActivity: resume,
    notApplicableForm: openNotApplicable,
    saveNotApplicable: markNotApplicable,
    applyAgain,
  },
};
