// GET /api/history: every kind of change, newest first, a page at a time (the events are built by
// bot/useCases/historyEvents.ts, which the yearly report reads too).
// Filters: arena (scope), activity, sub-activity, person, strategy and a date range.
import { z } from 'zod';
import type { HistoryEvent, HistoryPage } from '../domain/historyEvents';
import { idSchema } from '../domain/validation';
import { FILTER_WINDOW, historyEvents, type HistoryEventsDeps } from '../useCases/historyEvents';

export type { HistoryEvent, HistoryPage };

export const HISTORY_PAGE_MAX = 100;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'datum skrivs ÅÅÅÅ-MM-DD');
const querySchema = z
  .object({
    scope: idSchema.optional(),
    activity: idSchema.optional(),
    sub: idSchema.optional(),
    person: z.string().trim().max(100).optional(),
    strategy: idSchema.optional(),
    from: day.optional(),
    to: day.optional(),
    page: z.coerce.number().int().min(0).max(1000).default(0),
    size: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(20),
  })
  .refine((q) => q.scope || (!q.activity && !q.sub), 'Välj en arena för att filtrera på aktivitet.');

export type HistoryResult = { ok: true; page: HistoryPage } | { ok: false; errors: string[] };

type Deps = HistoryEventsDeps;

export async function historyPage(deps: Deps, query: unknown): Promise<HistoryResult> {
  const parsed = querySchema.safeParse(query ?? {});
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => i.message) };
  const q = parsed.data;
  const filtered = Boolean(q.person || q.strategy || q.from || q.to);
  const need = filtered ? FILTER_WINDOW : (q.page + 1) * q.size + 1;
  const { events: kept, entries } = await historyEvents(deps, q, need);
  const start = q.page * q.size;
  const pageEvents = kept.slice(start, start + q.size);
  const keys = new Set(pageEvents.filter((e) => e.kind === 'change').map((e) => e.key));
  return {
    ok: true,
    page: {
      events: pageEvents,
      entries: entries.filter((e) => keys.has(`c/${e.scopeId}/${e.subActivityId}/${e.version}`)).sort((a, b) => b.at.localeCompare(a.at) || b.version - a.version),
      page: q.page,
      size: q.size,
      hasMore: kept.length > start + q.size,
    },
  };
}

