// "revidering": where the plan's revision stands, and its cards: open / change / close it (the
// county), propose for an item (strategy → item → form), record a decision step. The work is
// done by bot/useCases/revision.ts, which the tab's API calls too.
import type { CardJson } from '../cards/bind';
import { messageCard } from '../cards/messageCard';
import { localRevisionCard, revisionInviteCard, revisionPickCard, revisionProposalCard, revisionStatusCard, revisionStepCard, type RevisionProposalCardData } from '../cards/revisionCards';
import type { Arena } from '../domain/plan';
import { acceptsProposals, describeProposal, describeStep, planDay, PROPOSAL_LABELS, stepLabel, type Proposal, type Revision } from '../domain/revision';
import { describeLocalRevision, LOCAL_REVISION_LIMITS } from '../domain/localRevision';
import { askArenas, changeRevision, mayManage, openRevision, propose, proposableItems, recordLocalRevision, recordStep, stepsOf, type PlanItem, type RevisionDeps, type Who } from '../useCases/revision';
import type { Feature } from './feature';
import { cards, type ArenaTurn } from './turn';

export const revisionFeature: Feature = {
  commands: {
    revision: async (at) => cards(await statusCard(at)),
  },
  actions: {
    revisionOpen: (at, data) => open(at, data),
    revisionChange: (at, data) => change(at, data),
    revisionPickItem: (at, data) => pickItem(at, data),
    revisionEditProposal: (at, data) => editProposal(at, data),
    revisionSaveProposal: (at, data) => saveProposal(at, data),
    revisionEditStep: (at) => stepForm(at, {}),
    revisionSaveStep: (at, data) => saveStep(at, data),
    localRevisionForm: (at) => localForm(at, {}),
    saveLocalRevision: (at, data) => saveLocal(at, data),
  },
};

const deps = (at: ArenaTurn): RevisionDeps => ({ plan: at.services.plan, revisions: at.services.revisions, projectLeaderIds: at.services.projectLeaderIds, now: at.services.now });
const who = (at: ArenaTurn): Who => ({ actor: at.turn.actor, origin: at.origin });
const text = (data: Record<string, unknown>, key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Where the revision stands: open/closed, last day, proposals per arena, the decisions so far. */
export async function statusCard(at: ArenaTurn, notice = ''): Promise<CardJson> {
  const { view, services, arena } = at;
  const data = await services.revisions.current();
  const manager = mayManage(view, who(at), services.projectLeaderIds);
  const today = planDay(services.now());
  const strategies = view.strategies.map((s) => ({ title: `${s.number}. ${s.title}`, value: s.id }));
  const base = { notice, strategies, mayManage: manager, tabUrl: services.links.tab('revidering', arena.id) };
  if (!data) {
    return revisionStatusCard({
      ...base,
      title: 'Revidering av planen',
      stateText: manager ? 'Ingen revidering är öppen. Välj sista dag för förslag och öppna revideringen: varje arenas kanal får ett kort som ber om förslag.' : 'Ingen revidering är öppen. Länsgemensam samverkan öppnar den, och då får kanalen ett kort som ber om förslag.',
      stateColor: 'Default', hasRevision: false, proposalsText: '', proposalsByArena: [], steps: [], proposalsOpen: false, localText: '', localRevisions: [], mayReviseLocal: false, localButton: '',
      mayOpen: manager, mayChange: false, mayRecord: false, lastDay: addDays(today, 21), lastDayLabel: 'Sista dag för förslag', etag: '',
    });
  }
  const { revision, proposals } = data;
  const open = acceptsProposals(revision, today);
  const byArena = view.arenas.flatMap((a) => {
    const mine = proposals.filter((p) => p.arenaId === a.id);
    if (mine.length === 0) return [];
    const kinds = (['keep', 'change', 'close', 'new'] as const).map((k) => [k, mine.filter((p) => p.kind === k).length] as const).filter(([, n]) => n > 0);
    return [{ arena: a.name, text: `${mine.length} (${kinds.map(([k, n]) => `${n} ${PROPOSAL_LABELS[k].toLowerCase()}`).join(', ')})` }];
  });
  const steps = stepsOf(view, data);
  const locals = view.arenas.filter((a) => a.kind !== 'county');
  const revisedLocally = locals.flatMap((a) => {
    const r = data.localRevisions.find((x) => x.arenaId === a.id);
    return r ? [{ arena: a.name, text: `${describeLocalRevision(r)}. ${r.changes}` }] : [];
  });
  const ownLocal = data.localRevisions.find((r) => r.arenaId === arena.id);
  const principals = steps.filter((s) => s.kind === 'principal');
  const decided = principals.filter((s) => s.done);
  return revisionStatusCard({
    ...base,
    title: `Revidering av planen ${revision.id}`,
    stateText: stateText(revision, today),
    stateColor: open ? 'Good' : 'Warning',
    hasRevision: true,
    proposalsText: proposals.length === 0 ? 'Inga förslag ännu.' : `${proposals.length} förslag från ${byArena.length} av ${view.arenas.length} arenor:`,
    proposalsByArena: byArena,
    steps: [
      ...steps.filter((s) => s.kind !== 'principal').map((s) => ({ label: stepLabel(s.id, view.arenas), text: describeStep(s) })),
      { label: 'Huvudmännens beslut', text: `${decided.length} av ${principals.length}` },
      ...principals.filter((s) => s.version > 0).map((s) => ({ label: stepLabel(s.id, view.arenas), text: describeStep(s) })),
    ],
    localText: `${revisedLocally.length} av ${locals.length} lokala arenor har reviderat sin lokala plan${revision.status === 'open' ? ' (varje arena registrerar det i sin kanal medan revideringen är öppen; inga huvudmannabeslut behövs för en lokal plan)' : ''}.`,
    localRevisions: revisedLocally,
    mayReviseLocal: arena.kind !== 'county' && revision.status === 'open',
    localButton: ownLocal ? 'Ändra lokal revidering' : 'Lokal plan reviderad',
    proposalsOpen: open,
    mayOpen: manager && revision.status === 'closed',
    mayChange: manager && revision.status === 'open',
    mayRecord: manager,
    lastDay: revision.lastDay,
    lastDayLabel: revision.status === 'open' ? 'Sista dag för förslag' : 'Ny sista dag, om revideringen öppnas igen',
    etag: revision.etag,
  });
}

/** An arena records that its local plan is revised: the form, with what it typed after a refusal. */
async function localForm(at: ArenaTurn, typed: Record<string, unknown>, errors?: { title: string; messages: string[] }): Promise<CardJson> {
  const data = await at.services.revisions.current();
  if (at.arena.kind === 'county') return refusal('Lokal revidering registreras i varje lokal arenas kanal; länets plan revideras med förslag och huvudmännens beslut.');
  if (!data || data.revision.status !== 'open') return refusal('Ingen revidering av planen är öppen: den lokala planen revideras medan länets revidering är öppen.');
  const seen = data.localRevisions.find((r) => r.arenaId === at.arena.id);
  const value = (key: 'date' | 'reference' | 'changes', otherwise: string) => (typeof typed[key] === 'string' ? (typed[key] as string) : otherwise);
  return localRevisionCard({
    title: `${at.arena.name}s lokala plan är reviderad`,
    intro: `Registrera att ${at.arena.name}s lokala plan har reviderats i revideringen ${data.revision.id}: datum, arenans beslutsreferens och vad som ändrades. Länsgemensam samverkan ser vilka arenor som har reviderat. Inget huvudmannabeslut behövs för en lokal plan.`,
    seenText: seen ? `Registrerat: ${describeLocalRevision(seen)}. Sparar du igen ersätts det (det gamla finns kvar i historiken).` : '',
    errorTitle: errors?.title ?? '',
    errors: errors?.messages ?? [],
    date: value('date', seen?.date ?? planDay(at.services.now())),
    reference: value('reference', seen?.reference ?? '').slice(0, LOCAL_REVISION_LIMITS.reference),
    changes: value('changes', seen?.changes ?? '').slice(0, LOCAL_REVISION_LIMITS.changes),
    referenceMax: LOCAL_REVISION_LIMITS.reference,
    changesMax: LOCAL_REVISION_LIMITS.changes,
    etag: seen?.etag ?? '',
  });
}

async function saveLocal(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const etag = text(data, 'etag');
  const outcome = await recordLocalRevision(deps(at), who(at), { arena: at.arena, ...(etag ? { etag } : {}), input: { date: data.date, reference: data.reference, changes: data.changes } });
  switch (outcome.kind) {
    case 'saved':
      return statusCard(at, `${at.arena.name}s lokala revidering är registrerad: ${describeLocalRevision(outcome.after)}.`);
    case 'unchanged':
      return statusCard(at, 'Inget ändrades: den lokala revideringen var redan registrerad så.');
    case 'conflict':
      return localForm(at, data, { title: 'Någon annan hann registrera den lokala revideringen innan dig. Jämför med det registrerade och spara igen.', messages: [] });
    case 'refused':
      return outcome.reason === 'invalid' && outcome.revision ? localForm(at, data, { title: outcome.message, messages: outcome.errors }) : refusal(outcome.message);
    default:
      return refusal('Den lokala revideringen kunde inte sparas.');
  }
}

function stateText(revision: Revision, today: string): string {
  if (revision.status === 'closed') return `Stängd för förslag (sista dag var ${revision.lastDay}).`;
  if (today > revision.lastDay) return `Sista dag för förslag var ${revision.lastDay}: förslag kan inte längre lämnas eller ändras.`;
  return `Öppen för förslag till och med ${revision.lastDay}.`;
}

function refusal(message: string): CardJson {
  return messageCard({ title: 'Det gick inte', text: message, tone: 'warning', buttons: [{ title: 'Revidering', command: 'revidering' }] });
}

async function open(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const outcome = await openRevision(deps(at), who(at), { lastDay: text(data, 'lastDay') });
  switch (outcome.kind) {
    case 'saved': {
      const plan = at.view.plan;
      const { sent, failed } = await askArenas({ plan: at.services.plan, channels: at.services.channels, sender: at.services.sender }, (arena: Arena) =>
        revisionInviteCard({
          title: `Revidering av planen: ${arena.name}s förslag`,
          text: `Länsgemensam samverkan har öppnat revideringen av ${plan.name}. Lämna ${arena.name}s förslag senast ${outcome.after.lastDay}: behåll, ändra eller avsluta aktiviteter i Bilaga 1 och i er lokala plan, eller föreslå nya.`,
        }),
      );
      at.services.log.info({ revisionId: outcome.after.id, sent, failed }, 'Revision opened; arenas asked for proposals');
      return statusCard(at, `Revideringen är öppen. Kortet som ber om förslag skickades till ${sent} ${sent === 1 ? 'kanal' : 'kanaler'}${failed > 0 ? ` (${failed} gick inte att nå)` : ''}.`);
    }
    case 'conflict':
      return statusCard(at, 'Revideringen var redan öppen: här är den som den är nu.');
    case 'refused':
      return outcome.reason === 'notAllowed' ? refusal(outcome.message) : messageCard({ title: outcome.message, text: outcome.errors.join(' '), tone: 'warning', buttons: [{ title: 'Revidering', command: 'revidering' }] });
    default:
      return refusal('Revideringen kunde inte öppnas.');
  }
}

async function change(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const close = data.close === true || data.close === 'true';
  const outcome = await changeRevision(deps(at), who(at), { etag: text(data, 'etag'), ...(close ? { close } : { lastDay: text(data, 'lastDay') }) });
  switch (outcome.kind) {
    case 'saved':
      return statusCard(at, close ? 'Revideringen är stängd för förslag.' : `Sista dag för förslag är nu ${outcome.after.lastDay}.`);
    case 'unchanged':
      return statusCard(at, 'Ingenting ändrades.');
    case 'conflict':
      return statusCard(at, 'Någon annan hann ändra revideringen först: ingenting har sparats. Här är den som den är nu.');
    case 'refused':
      return refusal([outcome.message, ...outcome.errors].join(' '));
    case 'notFound':
      return refusal('Ingen revidering är öppen.');
  }
}

function itemChoiceTitle(item: PlanItem, proposal: Proposal | undefined): string {
  const title = item.kind === 'activity' ? `${item.title} (aktivitet, ${item.period.from}–${item.period.to})` : `– ${item.title}`;
  const mark = proposal ? ` [förslag: ${PROPOSAL_LABELS[proposal.kind].toLowerCase()}]` : '';
  return `${title}${mark}`.slice(0, 160);
}

async function pickItem(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const strategy = at.view.strategies.find((s) => s.id === text(data, 'strategyId'));
  if (!strategy) return statusCard(at, '');
  const [items, current] = await Promise.all([proposableItems(at.services, at.arena), at.services.revisions.current()]);
  const mine = new Map((current?.proposals ?? []).filter((p) => p.arenaId === at.arena.id).map((p) => [p.itemId, p]));
  const county = at.view.arenas.find((a) => a.kind === 'county');
  const ofStrategy = items.filter((i) => i.strategyId === strategy.id);
  const choices = [
    ...ofStrategy.map((i) => ({ title: (i.scopeId === county?.id || i.kind === 'sub' ? '' : 'Lokal: ') + itemChoiceTitle(i, mine.get(i.id)), value: i.id })),
    ...[...mine.values()].filter((p) => p.kind === 'new' && p.strategyId === strategy.id).map((p) => ({ title: `Ert förslag till ny aktivitet: ${p.values.title}`.slice(0, 160), value: p.itemId })),
    { title: 'Föreslå en ny aktivitet under strategin', value: 'new' },
  ];
  return revisionPickCard({
    title: `Förslag för ${strategy.number}. ${strategy.title}`,
    text: at.arena.kind === 'county' ? 'Bilaga 1: välj en aktivitet eller delaktivitet, eller föreslå en ny.' : `Bilaga 1 och ${at.arena.name}s lokala aktiviteter: välj en, eller föreslå en ny.`,
    strategyId: strategy.id,
    items: choices,
  });
}

async function editProposal(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const itemId = text(data, 'itemId');
  const current = await at.services.revisions.current();
  if (!current || !acceptsProposals(current.revision, planDay(at.services.now()))) return statusCard(at, '');
  const seen = current.proposals.find((p) => p.itemId === itemId && p.arenaId === at.arena.id);
  if (itemId === 'new' || seen?.kind === 'new') {
    const strategy = at.view.strategies.find((s) => s.id === (seen?.strategyId ?? text(data, 'strategyId')));
    if (!strategy) return statusCard(at, '');
    return revisionProposalCard(proposalForm(at, { heading: `Ny aktivitet: ${strategy.number}. ${strategy.title}`, itemTitle: at.arena.kind === 'county' ? 'Till Bilaga 1.' : `Till ${at.arena.name}s lokala plan.`, itemFacts: '', isNew: true, itemId: seen?.itemId ?? '', strategyId: strategy.id }, seen));
  }
  const item = (await proposableItems(at.services, at.arena)).find((i) => i.id === itemId);
  if (!item) return statusCard(at, '');
  return revisionProposalCard(proposalForm(at, itemHeader(item), seen));
}

function itemHeader(item: PlanItem): Pick<RevisionProposalCardData, 'heading' | 'itemTitle' | 'itemFacts' | 'isNew' | 'itemId' | 'strategyId'> {
  const facts = [`Prioritet ${item.period.from}–${item.period.to}`, item.measure ? `Mått: ${item.measure}` : '', item.target ? `Målvärde: ${item.target}` : ''].filter((f) => f !== '');
  return { heading: item.kind === 'activity' ? 'Förslag för aktiviteten' : 'Förslag för delaktiviteten', itemTitle: item.title, itemFacts: facts.join(' · '), isNew: false, itemId: item.id, strategyId: item.strategyId };
}

/** The form, with the stored proposal (or what the person typed) filled in. */
function proposalForm(at: ArenaTurn, header: Pick<RevisionProposalCardData, 'heading' | 'itemTitle' | 'itemFacts' | 'isNew' | 'itemId' | 'strategyId'>, seen: Proposal | undefined, typed?: Record<string, unknown>, errors: { title: string; list: string[] } = { title: '', list: [] }): RevisionProposalCardData {
  const year = (n: number | null | undefined) => (n ? String(n) : '');
  const value = (key: string, stored: string) => (typeof typed?.[key] === 'string' ? (typed[key] as string) : stored);
  return {
    ...header,
    seenText: seen ? `${at.arena.name}s förslag nu: ${describeProposal(seen)} (${seen.by}, ${seen.at.slice(0, 10)})` : '',
    errorTitle: errors.title,
    errors: errors.list,
    etag: seen?.etag ?? '',
    kind: value('kind', seen?.kind ?? 'keep'),
    titleLabel: header.isNew ? 'Titel' : 'Ny titel (tom: oförändrad)',
    title: value('title', seen?.values.title ?? ''),
    periodFrom: value('periodFrom', year(seen?.values.periodFrom)),
    periodTo: value('periodTo', year(seen?.values.periodTo)),
    measure: value('measure', seen?.values.measure ?? ''),
    target: value('target', seen?.values.target ?? ''),
    reason: value('reason', seen?.reason ?? ''),
    motivation: value('motivation', seen?.motivation ?? ''),
  };
}

async function saveProposal(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const isNew = data.isNew === 'true' || data.isNew === true;
  const itemId = text(data, 'itemId');
  const strategyId = text(data, 'strategyId');
  const input = isNew ? { ...data, kind: 'new' } : data;
  const outcome = await propose(deps(at), {
    who: who(at),
    arena: at.arena,
    target: isNew ? { newUnderStrategy: strategyId, ...(itemId ? { itemId } : {}) } : { itemId },
    etag: text(data, 'etag'),
    input,
  });
  const header = async () => {
    if (isNew) {
      const s = at.view.strategies.find((x) => x.id === strategyId);
      return { heading: `Ny aktivitet: ${s?.number ?? ''}. ${s?.title ?? ''}`, itemTitle: at.arena.kind === 'county' ? 'Till Bilaga 1.' : `Till ${at.arena.name}s lokala plan.`, itemFacts: '', isNew: true, itemId, strategyId };
    }
    const item = (await proposableItems(at.services, at.arena)).find((i) => i.id === itemId);
    return item ? itemHeader(item) : undefined;
  };
  switch (outcome.kind) {
    case 'saved':
    case 'unchanged': {
      const what = outcome.after.kind === 'new' ? `ny aktivitet "${outcome.after.values.title}"` : ((await header())?.itemTitle ?? outcome.after.itemId);
      return statusCard(at, outcome.kind === 'saved' ? `${at.arena.name}s förslag är sparat: ${PROPOSAL_LABELS[outcome.after.kind]} – ${what}.` : `Förslaget var redan sparat så: ${what}.`);
    }
    case 'conflict': {
      const h = await header();
      if (!h) return statusCard(at, '');
      return revisionProposalCard(proposalForm(at, { ...h, itemId: outcome.current.itemId }, outcome.current, data, {
        title: 'Någon annan har ändrat förslaget',
        list: ['Ingenting har sparats. Förslaget som gäller nu står ovan; dina värden är kvar i formuläret: spara igen om de fortfarande stämmer.'],
      }));
    }
    case 'refused': {
      if (outcome.reason === 'notAllowed') return refusal(outcome.message);
      const h = await header();
      if (!h) return refusal(outcome.message);
      const seen = (await at.services.revisions.current())?.proposals.find((p) => p.itemId === itemId && p.arenaId === at.arena.id);
      return revisionProposalCard(proposalForm(at, h, seen, data, { title: outcome.message, list: outcome.errors }));
    }
    case 'notFound':
      return refusal('Aktiviteten eller förslaget finns inte. Ingenting har sparats.');
  }
}

async function stepForm(at: ArenaTurn, typed: Record<string, unknown>, errors: { title: string; list: string[] } = { title: '', list: [] }): Promise<CardJson> {
  const data = await at.services.revisions.current();
  if (!mayManage(at.view, who(at), at.services.projectLeaderIds)) return refusal('Besluten registreras i kanalen för länsgemensam samverkan eller av projektledarna.');
  if (!data) return refusal('Ingen revidering är öppen.');
  const steps = stepsOf(at.view, data);
  const chosen = steps.find((s) => s.id === typed.stepId) ?? steps.find((s) => !s.done) ?? steps[0]!;
  const value = (key: string, stored: string) => (typeof typed[key] === 'string' ? (typed[key] as string) : stored);
  return revisionStepCard({
    errorTitle: errors.title,
    errors: errors.list,
    stepId: chosen.id,
    steps: steps.map((s) => ({ title: `${stepLabel(s.id, at.view.arenas)}: ${describeStep(s)}`, value: s.id })),
    done: typeof typed.done === 'string' ? typed.done === 'true' : chosen.done,
    date: value('date', chosen.date),
    dateTo: value('dateTo', chosen.dateTo),
    body: value('body', chosen.body),
    minutesUrl: value('minutesUrl', chosen.minutesUrl),
    etags: Object.fromEntries(steps.map((s) => [s.id, s.etag])),
  });
}

async function saveStep(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  let etags: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text(data, 'etags') || '{}');
    if (parsed && typeof parsed === 'object') etags = parsed as Record<string, unknown>;
  } catch {
    etags = {};
  }
  const stepId = text(data, 'stepId');
  const etag = typeof etags[stepId] === 'string' ? (etags[stepId] as string) : undefined;
  if (etag === undefined) return refusal('Kortet innehöll ett steg jag inte känner igen. Ingenting har registrerats.');
  const outcome = await recordStep(deps(at), who(at), { stepId, etag, input: data });
  switch (outcome.kind) {
    case 'saved':
      return statusCard(at, `Registrerat: ${stepLabel(stepId, at.view.arenas)} – ${describeStep(outcome.after)}.`);
    case 'unchanged':
      return statusCard(at, 'Ingenting ändrades.');
    case 'conflict':
      return stepForm(at, { ...data, stepId }, { title: 'Någon annan har registrerat steget', list: [`Ingenting har sparats. Nu gäller: ${describeStep(outcome.current)}. Dina värden är kvar: registrera igen om de stämmer.`] });
    case 'refused':
      return outcome.reason === 'notAllowed' ? refusal(outcome.message) : stepForm(at, data, { title: outcome.message, list: outcome.errors });
    case 'notFound':
      return refusal('Steget eller revideringen finns inte.');
  }
}
