// The tab's effect-measure routes: report one value (PUT with the ETag the person saw) and bulk
// entry from Excel (the county). Both go through the one report use case
// (bot/useCases/reportMeasureValue.ts) with the same rules, validation and conflict handling as
// the bot's Spara; here its outcome becomes an HTTP status.
//
//   PUT  /api/measures/:measureId/values/:arenaId/:periodId   If-Match: <etag>, or If-None-Match: * for a first value
//        body { values: ["12", "0,42", ...] (one per breakdown category, or "ja"/"nej"), comment?, version? }
//        200 { outcome: "saved" | "unchanged", value } + ETag · 409 { error, current, since } · 400 · 403 · 404 · 428
//   POST /api/measures/upload   body { file: <the .xlsx, base64> }
//        200 { saved, unchanged, conflicts: [{ rows, message, fileValue, storedValue }], written: [row] }
//        · 400 { error, rows: [{ row, errors }] } · 403
//        · 503 { error, written, uncertain, notWritten, saved, unchanged, conflicts } (the store failed midway)
import type { Request, Response } from 'restify';
import type { Actor } from '../domain/activityState';
import { mayChange, type Decision } from '../domain/authorization';
import { baselineYear } from '../domain/measurePeriods';
import { valueInputId, type MeasureValue, type MeasureValueRecord } from '../domain/measureValues';
import type { Arena } from '../domain/plan';
import type { ChannelStore } from '../storage/channelStore';
import type { MeasureStore } from '../storage/measureStore';
import type { PlanStore } from '../storage/planStore';
import { reportMeasureValue, type MeasureValueState, type ReportMeasureContext } from '../useCases/reportMeasureValue';
import { readMeasureSheet, uploadMeasureValues } from './measureUpload';
import type { TabUser } from './ssoAuth';

export interface MeasureApiDeps {
  plan: PlanStore;
  channels: ChannelStore;
  measures: MeasureStore;
  now: () => Date;
}

type Handler = (req: Request, res: Response, user: TabUser) => Promise<void>;

/** The same rule as the bot's personal chat: a person reports an arena's value if they take part in its channel. */
async function authorizeFor(deps: MeasureApiDeps, user: TabUser, arena: Arena): Promise<Decision> {
  const member = await deps.channels.isMember(arena.id, user.id);
  const decision = mayChange({ kind: 'personal', arenaId: arena.id, memberOfArenaChannel: member }, arena);
  if (decision.allowed) return decision;
  const where = arena.kind === 'county' ? 'kanalen för länsgemensam samverkan' : `${arena.name}s kanal`;
  return { allowed: false, reason: `Värden för ${arena.kind === 'county' ? 'länet' : arena.name} rapporteras av den som är med i ${where}.` };
}

async function context(deps: MeasureApiDeps, user: TabUser, authorize: ReportMeasureContext['authorize']): Promise<ReportMeasureContext> {
  const content = await deps.plan.content();
  const actor: Actor = { id: user.id, name: user.name };
  return { store: deps.measures, measures: content.strategies.flatMap((s) => s.effectMeasures), arenas: content.arenas, baselineYear: baselineYear(content.plan), now: deps.now(), actor, authorize };
}

function valueBody(state: MeasureValueState) {
  const view = (v: MeasureValueRecord | undefined) => v && { periodId: v.periodId, arenaId: v.arenaId, values: v.values, comment: v.comment, reportedAt: v.reportedAt, reportedBy: v.reportedBy, version: v.version, etag: v.etag };
  return { measureId: state.measure.id, arenaId: state.arena.id, periodId: state.periodId, current: view(state.current) ?? null, previousComparable: view(state.previousComparable) ?? null };
}

const strip = (entries: MeasureValue[]) => entries.map(({ reportedById: _id, ...rest }) => rest);

export function measureRoutes(deps: MeasureApiDeps): { put: Handler; upload: Handler } {
  const put: Handler = async (req, res, user) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body !== 'object' || Array.isArray(body) || (body.values !== undefined && !Array.isArray(body.values))) {
      res.send(400, { error: 'Värdet kunde inte läsas, så ingenting har ändrats.' });
      return;
    }
    const ifMatch = req.header('if-match') || undefined;
    const ifNoneMatch = req.header('if-none-match') === '*';
    if (!ifMatch && !ifNoneMatch) {
      res.send(428, { error: 'Fliken sa inte vilket värde rapporten utgår från. Ladda om fliken och försök igen. Ingenting har ändrats.' });
      return;
    }
    const values = (body.values as unknown[] | undefined) ?? [];
    if (values.length > 20) {
      res.send(400, { error: 'Värdet kunde inte läsas, så ingenting har ändrats.' });
      return;
    }
    const inputs: Record<string, unknown> = Object.fromEntries(values.map((v, i) => [valueInputId(i), v]));
    if (body.comment !== undefined) inputs.comment = body.comment;
    const ctx = await context(deps, user, (arena) => authorizeFor(deps, user, arena));
    const outcome = await reportMeasureValue(
      { measureId: req.params.measureId, arenaId: req.params.arenaId, periodId: req.params.periodId, etag: ifMatch ?? '', ...(typeof body.version === 'number' ? { seenVersion: body.version } : {}), inputs },
      ctx,
    );
    switch (outcome.kind) {
      case 'notFound':
        res.send(404, { error: 'Effektmåttet finns inte i planen. Ingenting har ändrats.' });
        return;
      case 'refused':
        res.send(outcome.reason === 'notAllowed' ? 403 : 400, { error: `${outcome.message} Ingenting har ändrats.`, details: outcome.errors });
        return;
      case 'conflict':
        res.send(409, {
          error: 'Någon annan rapporterade ett värde för perioden innan dig. Ingenting har sparats: se vad som gäller nu, och spara ditt värde igen om det fortfarande stämmer.',
          ...valueBody(outcome.current),
          since: strip(outcome.since),
        });
        return;
      case 'unchanged':
      case 'saved':
        if (outcome.after.current) res.header('ETag', outcome.after.current.etag);
        res.send(200, { outcome: outcome.kind, ...valueBody(outcome.after) });
        return;
    }
  };

  const upload: Handler = async (req, res, user) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const file = typeof body.file === 'string' ? Buffer.from(body.file, 'base64') : undefined;
    if (!file || file.length === 0) {
      res.send(400, { error: 'Ingen fil kom fram. Välj Excel-filen och försök igen.', rows: [] });
      return;
    }
    const content = await deps.plan.content();
    const county = content.arenas.find((a) => a.kind === 'county');
    // Bulk entry is the county's (Fredagsgruppen gathers the figures from Cosmic LINK, Kolada …):
    // whoever takes part in the county channel may upload values for the county and every municipality.
    const decision = county ? await authorizeFor(deps, user, county) : { allowed: false as const, reason: 'Planen har ingen länsnivå.' };
    if (!decision.allowed) {
      res.send(403, { error: `Uppladdning av värden görs av länsgemensam samverkan. ${decision.reason} Ingenting har ändrats.`, rows: [] });
      return;
    }
    const sheet = await readMeasureSheet(file);
    if (!sheet.ok) {
      res.send(400, { error: `${sheet.message} Ingenting har ändrats.`, rows: [] });
      return;
    }
    const ctx = await context(deps, user, () => ({ allowed: true }));
    const result = await uploadMeasureValues(sheet.rows, await deps.measures.allCurrent(), ctx);
    if (result.kind === 'refused') res.send(400, { error: result.message, rows: result.rows });
    else if (result.kind === 'failed') {
      const { kind: _kind, message, ...rows } = result;
      res.send(503, { error: message, ...rows });
    } else res.send(200, { saved: result.saved, unchanged: result.unchanged, conflicts: result.conflicts, written: result.written });
  };

  return { put, upload };
}
