// The plan from the compose box of any chat, channel or meeting (a search-based message
// extension) and the previews of pasted links to the plan (link unfurling). Without botbuilder:
// the Teams edge (teams/planBot.ts) wraps what these return in Teams' response shapes.
import { z } from 'zod';
import type { CardJson } from '../cards/bind';
import { linkPreviewCard, sharedItemCard, whoseItem } from '../cards/sharedItemCard';
import { mayChange } from '../domain/authorization';
import { readSharedLink, type TabView } from '../domain/deepLinks';
import { statusText } from '../domain/followUp';
import { formatDay } from '../domain/format';
import type { Arena } from '../domain/plan';
import type { PlanContentView } from '../domain/planView';
import { idSchema } from '../domain/validation';
import { locateSubActivity } from '../useCases/updateSubActivity';
import { originFor } from './arenaResolution';
import { bilaga1Numbers, readPlanQuery, searchPlan, type PlanHit } from './planSearch';
import type { Services } from './services';
import type { Turn } from './turn';

/** One result of a search: the card it inserts, its line in the result list, and what selectItem gets back. */
export interface ComposeResult {
  card: CardJson;
  preview: { title: string; subtitle: string; text: string };
  select: { scopeId: string; subActivityId: string };
}

export type ComposeAnswer = { kind: 'results'; results: ComposeResult[] } | { kind: 'message'; text: string };

/** Teams shows 25 results unless it asks for another count. */
const DEFAULT_COUNT = 25;
const HOW = 'Skriv ett nummer ur planen (2.3 eller 2.3.1), ord ur en titel, en strategi eller en kommun.';

function linkTo(services: Services, hit: Pick<PlanHit, 'scope' | 'sub'>): string {
  return hit.scope.kind === 'county' ? services.links.share('handlingsplan', undefined, { item: hit.sub.id }) : services.links.share('arenor', hit.scope.id, { item: hit.sub.id });
}

/** Whether the person may change items of this scope from where the card lands: the rules of the channel. */
function permissions(turn: Turn, services: Services): (scope: Arena) => Promise<boolean> {
  const known = new Map<string, Promise<boolean>>();
  return (scope) => {
    let answer = known.get(scope.id);
    if (!answer) {
      answer = originFor(turn, services, scope).then((origin) => origin !== undefined && mayChange(origin, scope).allowed);
      known.set(scope.id, answer);
    }
    return answer;
  };
}

async function resultOf(services: Services, hit: PlanHit, mayUpdate: boolean): Promise<ComposeResult> {
  const today = services.now();
  return {
    card: sharedItemCard({ ...hit, today, link: linkTo(services, hit), mayUpdate }),
    preview: { title: [hit.number, hit.sub.title].filter(Boolean).join(' '), subtitle: whoseItem(hit.scope, hit.sub, ''), text: statusText(hit.sub) },
    select: { scopeId: hit.scope.id, subActivityId: hit.sub.id },
  };
}

/** composeExtension/query: the items the words find, each as the card it would insert. */
export async function composeQuery(turn: Turn, services: Services, typed: string, paging: { skip?: number; count?: number } = {}): Promise<ComposeAnswer> {
  const view = await services.plan.content();
  const query = readPlanQuery(typed, view);
  const hits = await searchPlan(services.plan, view, query);
  if (hits.length === 0) {
    return { kind: 'message', text: typed.trim() ? `Inget i planen matchar "${typed.trim().slice(0, 60)}". ${HOW}` : HOW };
  }
  const skip = Math.max(0, Math.min(paging.skip ?? 0, hits.length));
  const count = Math.max(1, Math.min(paging.count ?? DEFAULT_COUNT, DEFAULT_COUNT));
  const may = permissions(turn, services);
  const page = hits.slice(skip, skip + count);
  return { kind: 'results', results: await Promise.all(page.map(async (hit) => resultOf(services, hit, await may(hit.scope)))) };
}

const selected = z.object({ scopeId: idSchema, subActivityId: idSchema });

/** composeExtension/selectItem: the chosen item's full card, as it is now. Undefined: no such item. */
export async function composeSelect(turn: Turn, services: Services, value: unknown): Promise<ComposeResult | undefined> {
  const parsed = selected.safeParse(value);
  if (!parsed.success) return undefined;
  const view = await services.plan.content();
  const scope = view.arenas.find((a) => a.id === parsed.data.scopeId);
  if (!scope) return undefined;
  const found = await locateSubActivity(services, scope, parsed.data.subActivityId);
  if (!found) return undefined;
  return resultOf(services, { scope, activity: found.activity, sub: found.sub, number: await numberOf(services, view, found.sub.id) }, await permissions(turn, services)(scope));
}

async function numberOf(services: Services, view: PlanContentView, subId: string): Promise<string> {
  const county = view.arenas.find((a) => a.kind === 'county');
  if (!county) return '';
  return bilaga1Numbers(view, (await services.plan.arenaPlan(county)).bilaga1).get(subId) ?? '';
}

const VIEW_NAMES: Record<TabView, string> = {
  oversikt: 'Översikt',
  handlingsplan: 'Handlingsplan (Bilaga 1)',
  arenor: 'Arenor',
  effektmatt: 'Effektmått',
  historik: 'Historik',
  revidering: 'Revidering',
  motesunderlag: 'Mötesunderlag',
  uppfoljning: 'Uppföljning',
  rapport: 'Årsrapport',
  guide: 'Användarguide',
  om: 'Om planen',
};

/** composeExtension/queryLink: the preview of a pasted link to the plan. Undefined: not a link to the plan. */
export async function linkPreview(services: Services, url: string): Promise<ComposeResult | undefined> {
  const target = readSharedLink(url);
  if (!target) return undefined;
  const view = await services.plan.content();
  const arena = view.arenas.find((a) => a.id === target.arenaId);
  const madeAt = services.now();
  const link = services.links.share(target.view, arena?.id, { ...target.extra, ...(target.item ? { item: target.item } : {}) });
  const scope = arena ?? view.arenas.find((a) => a.kind === 'county');
  const found = target.item && scope ? await locateSubActivity(services, scope, target.item) : undefined;
  if (found && scope) {
    const number = await numberOf(services, view, found.sub.id);
    const title = [number, found.sub.title].filter(Boolean).join(' ');
    const card = linkPreviewCard({
      kicker: `${view.plan.name} · ${whoseItem(scope, found.sub, '')}`,
      title,
      text: found.activity.title === found.sub.title ? '' : found.activity.title,
      facts: [
        { title: 'Status', value: statusText(found.sub) },
        { title: 'Senast ändrad', value: found.sub.updatedAt && found.sub.updatedBy ? `${formatDay(found.sub.updatedAt, madeAt)} av ${found.sub.updatedBy}` : 'Ingen ändring sedan planen lästes in' },
      ],
      link,
      madeAt,
    });
    return { card, preview: { title, subtitle: whoseItem(scope, found.sub, ''), text: statusText(found.sub) }, select: { scopeId: scope.id, subActivityId: found.sub.id } };
  }
  const title = `${VIEW_NAMES[target.view]}${arena ? ` – ${arena.name}` : ''}`;
  const card = linkPreviewCard({ kicker: view.plan.name, title, text: arena ? `Planen som ${arena.kind === 'county' ? 'länsgemensam samverkan' : arena.name} följer upp den.` : '', link, madeAt });
  return { card, preview: { title, subtitle: view.plan.name, text: '' }, select: { scopeId: scope?.id ?? '', subActivityId: '' } };
}
