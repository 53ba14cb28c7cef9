// Updating a sub-activity from a card: Uppdatera opens the form in place, Spara goes through the
// one update use case (bot/useCases/updateSubActivity.ts), and its outcome becomes a card. A stale
// card comes back as the form with the current state and the person's own values filled in, so
// that nothing is lost or silently overwritten; so does a save that failed for any other reason.
import { z } from 'zod';
import type { CardJson } from '../cards/bind';
import { messageCard } from '../cards/messageCard';
import { ANSWER_INPUT, subActivityCard, subActivityEditCard, type EditCardData, type FormOrigin } from '../cards/subActivityCard';
import { mayChange } from '../domain/authorization';
import { idSchema } from '../domain/validation';
import { statusLabel } from '../domain/status';
import { describeValue, describeWhat } from '../domain/format';
import { planNumberOf } from '../domain/planReferences';
import { storageTroubleText } from '../domain/storageTrouble';
import { storageTroubleOf } from '../storage/deadline';
import { updateSubActivity, type Located, type SubActivityOutcome } from '../useCases/updateSubActivity';
import type { Feature } from './feature';
import type { ArenaTurn } from './turn';

/**
 * Teams sends every input of the card along with a button's own data, so each verb reads the
 * keys it needs and ignores the rest: Avbryt on a filled-in form must work like any other button.
 */
const target = z.object({ scopeId: idSchema, subActivityId: idSchema });
const saveTarget = target.extend({ etag: z.string().min(1).max(200), version: z.coerce.number().int().min(0).max(1e9) });
/** The edit form's inputs: what a person can change. */
export const FORM_FIELDS = ['status', 'statusNote', 'measureAnswer', 'comment'] as const;

/**
 * The list card the full form was opened from (Hela formuläret on the follow-up round's card or the
 * stale digest), which its Spara and Avbryt lead back to. Anything else, or nothing: none, and the
 * form works as from the activity list.
 */
const originSchema = z.discriminatedUnion('card', [
  z.object({ card: z.literal('round'), roundId: idSchema, page: z.coerce.number().int().min(0).max(9_999) }),
  z.object({ card: z.literal('digest'), digest: z.string().max(2000).default('') }),
  z.object({
    card: z.literal('list'),
    list: z.enum(['aktiviteter', 'försenat']).default('aktiviteter'),
    strategyId: z.string().max(64).default(''),
    page: z.coerce.number().int().min(1).max(1000).default(1),
    search: z.string().max(200).default(''),
    number: z.string().max(12).default(''),
  }),
]);

export function formOrigin(value: unknown): FormOrigin | undefined {
  const parsed = originSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function formInput(data: Record<string, unknown>, key: (field: string) => string = (f) => f): Record<string, unknown> {
  // A status choice left empty (an item never followed up has none preselected) is no status.
  const fields = Object.fromEntries(FORM_FIELDS.filter((f) => data[key(f)] !== undefined && !(f === 'status' && data[key(f)] === '')).map((f) => [f, data[key(f)]]));
  const answers = questionAnswersOf(data, key);
  return Object.keys(answers).length > 0 ? { ...fields, answers } : fields;
}

/** A split measure's inputs, one per question ("answer-q1", on the round's card "answer-q1-<item>"), by question id. */
function questionAnswersOf(data: Record<string, unknown>, key: (field: string) => string): Record<string, unknown> {
  const [before, after] = key(`${ANSWER_INPUT}\u0000`).split('\u0000') as [string, string];
  return Object.fromEntries(
    Object.entries(data)
      .filter(([k]) => k.startsWith(before) && k.endsWith(after) && k.length > before.length + after.length)
      .map(([k, v]) => [k.slice(before.length, k.length - after.length), v]),
  );
}

export const unreadable = (errors?: string[]) =>
  messageCard({
    title: 'Det gick inte att läsa kortet',
    text: 'Kortet innehöll något jag inte kan ta emot, så ingenting har ändrats.',
    tone: 'error',
    ...(errors?.length ? { details: errors } : {}),
    buttons: [{ title: 'Visa aktiviteter', command: 'aktiviteter' }],
  });

export const notFoundCard = () =>
  messageCard({ title: 'Aktiviteten finns inte', text: 'Jag hittar inte den aktiviteten, så ingenting har ändrats.', tone: 'error', buttons: [{ title: 'Visa aktiviteter', command: 'aktiviteter' }] });

function refusalCard(message: string): CardJson {
  return messageCard({ title: 'Det här får du inte ändra här', text: message, tone: 'warning' });
}

/** The item, and its plan number in Bilaga 1 ("2.3.1"; none for an arena's own activities), from the one read of the scope's plan. */
async function locate(at: ArenaTurn, scopeId: string, subActivityId: string): Promise<(Located & { planNumber?: string }) | undefined> {
  const scope = at.view.arenas.find((a) => a.id === scopeId);
  if (!scope) return undefined;
  const { bilaga1, local } = await at.services.plan.arenaPlan(scope);
  for (const activity of [...local, ...bilaga1]) {
    const at2 = activity.subActivities.findIndex((d) => d.id === subActivityId);
    if (at2 < 0) continue;
    const n = planNumberOf(subActivityId, bilaga1, at.view.strategies);
    return { scope, activity, sub: activity.subActivities[at2]!, ...(n ? { planNumber: n } : {}) };
  }
  return undefined;
}

/** In a group chat or meeting (a card shared from the compose box) there is no arena's list to go to. */
function inChat(at: ArenaTurn): { allActivities?: false } {
  return at.turn.place.kind === 'groupChat' ? { allActivities: false } : {};
}

const numbered = (found: { planNumber?: string }) => (found.planNumber ? { planNumber: found.planNumber } : {});

async function show(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const parsed = target.safeParse(data);
  if (!parsed.success) return unreadable();
  const found = await locate(at, parsed.data.scopeId, parsed.data.subActivityId);
  if (!found) return notFoundCard();
  return subActivityCard({ today: at.services.now(), activity: found.activity, sub: found.sub, ...inChat(at), ...numbered(found) });
}

async function edit(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const parsed = target.safeParse(data);
  if (!parsed.success) return unreadable();
  const found = await locate(at, parsed.data.scopeId, parsed.data.subActivityId);
  if (!found) return notFoundCard();
  const decision = mayChange(at.origin, found.scope);
  if (!decision.allowed) return refusalCard(`${decision.reason} Ingenting har ändrats.`);
  return subActivityEditCard({ today: at.services.now(), activity: found.activity, sub: found.sub, back: formOrigin(data.from), ...numbered(found) });
}

export interface CardSave {
  scopeId: string;
  subActivityId: string;
  etag: string;
  seenVersion: number;
  input: Record<string, unknown>;
}

/** Spara from any card: the use case, with the turn's origin and actor. Undefined: no such scope. */
export async function saveFromCard(at: ArenaTurn, save: CardSave): Promise<SubActivityOutcome> {
  const scope = at.view.arenas.find((a) => a.id === save.scopeId);
  if (!scope) return { kind: 'notFound' };
  return updateSubActivity(at.services, { scope, subActivityId: save.subActivityId, etag: save.etag, seenVersion: save.seenVersion, input: save.input, origin: at.origin, actor: at.turn.actor });
}

/**
 * The card for an outcome that is not a plain success, where the edit form was the place: a
 * conflict or an invalid answer brings the form back with the person's own values.
 */
export async function problemCard(at: ArenaTurn, save: CardSave, outcome: Exclude<SubActivityOutcome, { kind: 'saved' | 'unchanged' }>, back?: FormOrigin): Promise<CardJson> {
  switch (outcome.kind) {
    case 'notFound':
      return notFoundCard();
    case 'conflict':
      return subActivityEditCard({ today: at.services.now(), activity: outcome.current.activity, sub: outcome.current.sub, proposed: outcome.request ?? proposedFrom(save.input), conflict: outcome.since, back });
    case 'refused': {
      if (outcome.reason === 'notAllowed') return refusalCard(outcome.message);
      const found = await locate(at, save.scopeId, save.subActivityId);
      if (!found) return unreadable(outcome.errors);
      return subActivityEditCard({ today: at.services.now(), activity: found.activity, sub: found.sub, proposed: proposedFrom(save.input), problem: { text: `${outcome.message} Rätta det som står nedan och spara igen.`, details: outcome.errors }, back });
    }
  }
}

/** The person's own values as text, to put back in the form. */
function proposedFrom(input: Record<string, unknown>): NonNullable<EditCardData['proposed']> {
  // Whole: a text refused as too long comes back as typed (far below a card's size limit), never cut.
  const texts = (from: Record<string, unknown>) => Object.fromEntries(Object.entries(from).filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, (v as string).slice(0, 10_000)]));
  const answers = input.answers && typeof input.answers === 'object' ? texts(input.answers as Record<string, unknown>) : undefined;
  return { ...texts(input), ...(answers ? { answers } : {}) };
}

/**
 * A save that failed for a reason that is not the person's (storage unreachable, a bug). When no
 * write reached the store: the form again, with what they typed, saying that nothing was saved.
 * When the write's answer never came: it may or may not be stored, and the next read shows which;
 * the card says so and gives back what they typed (the store is not asked again now).
 */
export async function failedSaveCard(at: ArenaTurn, save: CardSave, error: unknown, back?: FormOrigin): Promise<CardJson> {
  const typed = () => {
    const { answers, ...fields } = proposedFrom(save.input);
    return [...Object.entries(fields), ...Object.values(answers ?? {}).map((v) => ['measureAnswer', v] as const)].filter(([, v]) => v !== '').map(([field, v]) => describeValue(field, v));
  };
  const trouble = storageTroubleOf(error);
  if (trouble?.kind === 'unknown') {
    const { title, text } = storageTroubleText(trouble, 'card');
    return messageCard({ title, text: `${text} Det här är vad du skrev:`, tone: 'error', details: typed(), buttons: [{ title: 'Visa aktiviteter', command: 'aktiviteter' }] });
  }
  const notSaved = 'Det gick inte att spara just nu, så ingenting har sparats.';
  const problem = { text: `${notSaved} Det du skrev finns kvar här: försök igen om en stund.`, details: [] };
  try {
    const found = await locate(at, save.scopeId, save.subActivityId);
    if (found) return subActivityEditCard({ today: at.services.now(), activity: found.activity, sub: { ...found.sub, etag: save.etag, version: save.seenVersion }, proposed: proposedFrom(save.input), problem, back });
  } catch {
    // The store is still away: say so, and give the person their text back to copy.
  }
  return messageCard({ title: 'Det gick inte att spara', text: `${notSaved} Det här är vad du skrev, så att du kan spara det igen om en stund:`, tone: 'error', details: typed(), buttons: [{ title: 'Visa aktiviteter', command: 'aktiviteter' }] });
}

/** What a list card's Spara under one item carries besides the item's own inputs. */
const inlineTarget = z.object({ scopeId: idSchema, subActivityId: idSchema, etag: z.string().min(1).max(200), version: z.coerce.number().int().min(0).max(1e9) });

/** A save for a list card: the banner to show on the list card that comes back, or the card to answer with instead. */
export type ListSave = { card: CardJson } | { banner: string; saved: boolean };

/**
 * Spara under one item of a list card (the stale digest, the follow-up round's card): Teams sends
 * every input of the card with the click, and this item's own are `status-<id>`, `comment-<id>`….
 * Saved or unchanged: the banner to show on the card that comes back. Anything else: the card to
 * answer with (the full form with the person's values, leading back to `back`, or why nothing was saved).
 */
export async function saveInlineItem(at: ArenaTurn, data: Record<string, unknown>, where: string, back?: FormOrigin): Promise<ListSave> {
  const parsed = inlineTarget.safeParse(data);
  if (!parsed.success) return { card: unreadable() };
  const id = parsed.data.subActivityId;
  return saveForList(at, { scopeId: parsed.data.scopeId, subActivityId: id, etag: parsed.data.etag, seenVersion: parsed.data.version, input: formInput(data, (f) => `${f}-${id}`) }, where, back);
}

/**
 * Spara on the full form opened from a list card (Hela formuläret): the same save as from the
 * activity list, answered as an inline save is, so that the list card comes back at its page with
 * the same line; a conflict or refusal brings the form back, still leading back to `back`.
 */
export async function saveFullForm(at: ArenaTurn, data: Record<string, unknown>, back: FormOrigin | undefined): Promise<ListSave> {
  const parsed = saveTarget.safeParse(data);
  if (!parsed.success) return { card: unreadable() };
  return saveForList(at, { scopeId: parsed.data.scopeId, subActivityId: parsed.data.subActivityId, etag: parsed.data.etag, seenVersion: parsed.data.version, input: formInput(data) }, `the full form from the ${back?.card ?? 'list'} card`, back);
}

async function saveForList(at: ArenaTurn, item: CardSave, where: string, back: FormOrigin | undefined): Promise<ListSave> {
  let outcome;
  try {
    outcome = await saveFromCard(at, item);
  } catch (error) {
    at.services.log.error({ err: error }, `Saving from ${where} failed`);
    return { card: await failedSaveCard(at, item, error, back) };
  }
  if (outcome.kind !== 'saved' && outcome.kind !== 'unchanged') return { card: await problemCard(at, item, outcome, back) };
  const sub = outcome.after.sub;
  return outcome.kind === 'saved'
    ? { banner: back?.card === 'list' ? `Sparat av ${at.turn.actor.name}: ${sub.title}: ${describeWhat(outcome.entry, at.services.now())}.` : `Sparat av ${at.turn.actor.name}: ${sub.title} – ${statusLabel(sub.status)}.`, saved: true }
    : { banner: `Inget ändrades för ${sub.title}: värdena var redan sparade.`, saved: false };
}

async function save(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const parsed = saveTarget.safeParse(data);
  if (!parsed.success) return unreadable();
  const request: CardSave = { scopeId: parsed.data.scopeId, subActivityId: parsed.data.subActivityId, etag: parsed.data.etag, seenVersion: parsed.data.version, input: formInput(data) };
  let outcome: SubActivityOutcome;
  try {
    outcome = await saveFromCard(at, request);
  } catch (error) {
    at.services.log.error({ err: error }, 'Saving a sub-activity failed');
    return failedSaveCard(at, request, error);
  }
  switch (outcome.kind) {
    case 'saved':
      return subActivityCard({ today: at.services.now(), activity: outcome.after.activity, sub: outcome.after.sub, latest: outcome.entry, banner: { text: `Sparat av ${at.turn.actor.name}.`, tone: 'good' }, bannerNamesSaver: true, ...inChat(at) });
    case 'unchanged':
      return subActivityCard({ today: at.services.now(), activity: outcome.after.activity, sub: outcome.after.sub, banner: { text: 'Inget ändrades: värdena var redan sparade.', tone: 'default' }, ...inChat(at) });
    default:
      return problemCard(at, request, outcome);
  }
}

export const subActivityUpdateFeature: Feature = {
  actions: {
    editSubActivity: edit,
    saveSubActivity: save,
    showSubActivity: show,
  },
};
