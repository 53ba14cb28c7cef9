// GET /api/history: the change history, newest first, optionally for one scope (arena), one
// activity or one sub-activity, a page at a time. Reads only range queries of history rows.
import { z } from 'zod';
import type { HistoryEntry } from '../domain/activityState';
import { idSchema } from '../domain/validation';
import type { ActivityStore } from '../storage/activityStore';
import type { PlanStore } from '../storage/planStore';

export const HISTORY_PAGE_MAX = 100;

const querySchema = z
  .object({
    scope: idSchema.optional(),
    activity: idSchema.optional(),
    sub: idSchema.optional(),
    page: z.coerce.number().int().min(0).max(1000).default(0),
    size: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(20),
  })
  .refine((q) => q.scope || (!q.activity && !q.sub), 'Välj en arena för att filtrera på aktivitet.');

export interface HistoryPage {
  entries: HistoryEntry[];
  page: number;
  size: number;
  hasMore: boolean;
}

export type HistoryResult = { ok: true; page: HistoryPage } | { ok: false; errors: string[] };

const newestFirst = (a: HistoryEntry, b: HistoryEntry) => b.at.localeCompare(a.at) || b.version - a.version;

export async function historyPage(deps: { plan: PlanStore; activities: ActivityStore }, query: unknown): Promise<HistoryResult> {
  const parsed = querySchema.safeParse(query ?? {});
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => i.message) };
  const q = parsed.data;
  const need = (q.page + 1) * q.size + 1;
  const arenas = (await deps.plan.content()).arenas;
  let entries: HistoryEntry[];
  if (q.scope && q.sub) {
    entries = await deps.activities.history(q.scope, q.sub, need);
  } else if (q.scope && q.activity) {
    const activity = (await deps.plan.scope(q.scope)).find((a) => a.id === q.activity);
    const lists = await Promise.all((activity?.subActivities ?? []).map((d) => deps.activities.history(q.scope!, d.id, need)));
    entries = lists.flat();
  } else {
    const scopes = q.scope ? arenas.filter((a) => a.id === q.scope) : arenas;
    entries = (await Promise.all(scopes.map((a) => deps.activities.latestChanges(a.id, need)))).flat();
  }
  entries.sort(newestFirst);
  const start = q.page * q.size;
  return { ok: true, page: { entries: entries.slice(start, start + q.size), page: q.page, size: q.size, hasMore: entries.length > start + q.size } };
}
