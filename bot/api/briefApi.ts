// GET /api/brief?arena=<id>&since=<ÅÅÅÅ-MM-DD or instant>[&until=<instant>]: an arena's meeting
// brief as JSON, for the tab's printable page. The bot's card links here with the exact window it
// showed (since/until as instants), so the page lists the same items; the tab's own date field
// sends a day. Reading a brief here remembers nothing: only the bot's mötesunderlag moves a
// channel's "since last brief".
import type { Request, Response } from 'restify';
import { DEFAULT_BRIEF_DAYS, daysBack, parseSince, type BriefBasis } from '../domain/meetingBrief';
import type { HistoryEventDeps } from '../useCases/historyEvents';
import { briefBetween } from '../useCases/meetingBrief';
import { sendJson } from './compress';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

export function briefRoutes(deps: HistoryEventDeps & { now: () => Date }) {
  return {
    async get(req: Request, res: Response): Promise<void> {
      const q = (req.query ?? {}) as Record<string, unknown>;
      const content = await deps.plan.content();
      const arenaId = typeof q.arena === 'string' && q.arena !== '' ? q.arena : content.arenas.find((a) => a.kind === 'county')?.id;
      const arena = content.arenas.find((a) => a.id === arenaId);
      if (!arena) return void res.send(404, { error: 'Det finns ingen arena med det id:t.' });
      const now = deps.now();

      let to = now;
      if (q.until !== undefined && q.until !== '') {
        if (typeof q.until !== 'string' || !INSTANT.test(q.until) || Number.isNaN(Date.parse(q.until))) return void res.send(400, { error: 'Slutet på perioden kunde inte läsas.' });
        to = new Date(Math.min(Date.parse(q.until), now.getTime()));
      }
      let from: Date;
      let basis: BriefBasis = 'date';
      if (q.since === undefined || q.since === '') {
        from = daysBack(now, DEFAULT_BRIEF_DAYS);
        basis = 'default';
      } else if (typeof q.since === 'string' && INSTANT.test(q.since) && !Number.isNaN(Date.parse(q.since))) {
        // The card's window: its start was the channel's previous brief or a day.
        from = new Date(q.since);
        basis = q.basis === 'lastBrief' ? 'lastBrief' : 'date';
      } else {
        const parsed = parseSince(typeof q.since === 'string' ? q.since : '', now);
        if (!parsed.ok) {
          const error = parsed.reason === 'future' ? 'Datumet har inte kommit än. Välj i dag eller ett tidigare datum.' : 'Datumet kunde inte läsas. Skriv det som ÅÅÅÅ-MM-DD.';
          return void res.send(400, { error });
        }
        from = parsed.from;
      }
      if (from.getTime() > to.getTime()) return void res.send(400, { error: 'Periodens början ligger efter dess slut.' });
      sendJson(req, res, 200, await briefBetween(deps, { arena, from, to, basis }));
    },
  };
}
