// What the year's report costs in Table Storage: every arena's plan in one query over every scope
// partition, and one range read of each arena's changes in the period (a cross-partition read of
// the changes costs more in Azurite: it sorts what is left of the result for every page of 1,000).
// Counted at the storage client's pipeline; GET /api/report/{year} over HTTP with a Teams SSO
// token, Azurite behind.
import assert from 'node:assert/strict';
import type { RunningApp } from '../../bot/app';
import { loadPlanContent } from '../../bot/content/loadPlan';
import type { Report } from '../../bot/domain/report';
import { fillArena, planWithArenas } from '../bench/scale';
import { startTestApp } from '../helpers/app';
import { SsoIssuer } from '../helpers/ssoIssuer';
import { countStorageRequests } from '../helpers/storageRequests';
import { ANNA } from '../helpers/teamsClient';

const content = loadPlanContent();
const NOW = new Date('2026-11-23T09:00:00Z');

describe('the year\'s report\'s storage reads', function () {
  this.timeout(60_000);
  const entra = new SsoIssuer();
  const apps: RunningApp[] = [];

  before(() => entra.start());
  after(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await entra.stop();
  });

  /** The report's storage requests and the report, for a deployment of `arenas` arenas (two of them with local activities and changes). */
  async function reportOf(arenas: number): Promise<{ requests: string[]; report: Report }> {
    const app = await startTestApp({ ...entra.env(), PLAN_FILE: planWithArenas(content, arenas) }, { now: () => NOW });
    apps.push(app);
    const municipalities = (await app.plan.content()).arenas.filter((a) => a.kind === 'municipality');
    const strategyIds = content.strategies.map((s) => s.id);
    for (const arena of [municipalities[0]!, municipalities[municipalities.length - 1]!]) {
      await fillArena(app.tables.plan, arena.id, strategyIds, { activities: 3, changesPerActivity: 2 }, new Date('2026-11-01T08:00:00Z'));
    }
    const counter = countStorageRequests(app.tables);
    const get = async () => fetch(`${app.url}/api/report/2026`, { headers: { authorization: `Bearer ${await entra.token({ oid: ANNA.aadObjectId, name: ANNA.name })}` } });
    await get(); // the plan's content and the sign-in's keys are read once, whatever the report
    counter.reset();
    const res = await get();
    assert.equal(res.status, 200, await res.clone().text());
    return { requests: [...counter.requests], report: (await res.json()) as Report };
  }

  it('makes one query more per arena (its changes), not three, and the 30 arenas\' report holds the last arena\'s activities and changes', async () => {
    const small = await reportOf(9);
    const large = await reportOf(30);
    assert.equal(large.report.arenas.length, 29);
    for (const { report } of [small, large]) {
      const filled = [report.arenas[0]!, report.arenas[report.arenas.length - 1]!];
      assert.deepEqual(filled.map((a) => a.local.length), [3, 3], 'both filled arenas\' local activities are in the report');
      assert.deepEqual(report.changes.byArena.filter((c) => c.count > 0).map((c) => c.count), [6, 6], 'both filled arenas\' changes are counted');
    }
    const changeReads = (requests: string[]) => requests.filter((r) => /RowKey ge 'log\|/.test(r)).length;
    assert.deepEqual([changeReads(small.requests), changeReads(large.requests)], [9, 30], 'one read of the changes per scope');
    assert.equal(large.requests.length - small.requests.length, 21, `30 arenas:\n${large.requests.join('\n')}\n\n9 arenas:\n${small.requests.join('\n')}`);
    assert.ok(small.requests.length - changeReads(small.requests) <= 8, `the report's other reads do not grow with the arenas:\n${small.requests.join('\n')}`);
  });
});
