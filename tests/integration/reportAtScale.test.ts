// The year's report at more arenas than the real plan's 9. Word above 20 arenas gives each arena's
// local activities as a count per status with a pointer to Excel, which lists every one.
// What the report costs in Table Storage: every arena's plan in one query over every scope
// partition, and one range read of each arena's changes in the period (a cross-partition read of
// the changes costs more in Azurite: it sorts what is left of the result for every page of 1,000).
// Counted at the storage client's pipeline; GET /api/report/{year} over HTTP with a Teams SSO
// token, Azurite behind.
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
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

describe('the year\'s report at more arenas', function () {
  this.timeout(60_000);
  const entra = new SsoIssuer();
  const apps: RunningApp[] = [];

  before(() => entra.start());
  after(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await entra.stop();
  });

  /** The report's storage requests and the report, for a deployment of `arenas` arenas (two of them with local activities and changes). */
  async function reportOf(arenas: number, file = ''): Promise<{ requests: string[]; report: Report; body: Buffer; atOnce: number }> {
    let inFlight = 0;
    let mostAtOnce = 0;
    let atOnce = 0;
    const app = await startTestApp({ ...entra.env(), PLAN_FILE: planWithArenas(content, arenas) }, { now: () => NOW });
    apps.push(app);
    const municipalities = (await app.plan.content()).arenas.filter((a) => a.kind === 'municipality');
    const strategyIds = content.strategies.map((s) => s.id);
    for (const arena of [municipalities[0]!, municipalities[municipalities.length - 1]!]) {
      await fillArena(app.tables.plan, arena.id, strategyIds, { activities: 3, changesPerActivity: 2 }, new Date('2026-11-01T08:00:00Z'));
    }
    const counter = countStorageRequests(app.tables);
    for (const client of Object.values(app.tables)) {
      client.pipeline.addPolicy({
        name: 'inFlight',
        sendRequest: async (request, next) => {
          mostAtOnce = Math.max(mostAtOnce, ++inFlight);
          try {
            return await next(request);
          } finally {
            inFlight--;
          }
        },
      });
    }
    const get = async (path = '/api/report/2026') => fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${await entra.token({ oid: ANNA.aadObjectId, name: ANNA.name })}` } });
    await get(); // the plan's content and the sign-in's keys are read once, whatever the report
    counter.reset();
    mostAtOnce = 0;
    const res = await get();
    atOnce = mostAtOnce;
    assert.equal(res.status, 200, await res.clone().text());
    const requests = [...counter.requests];
    const report = (await res.json()) as Report;
    const body = file ? Buffer.from(await (await get(`/api/report/2026.${file}`)).arrayBuffer()) : Buffer.alloc(0);
    return { requests, report, body, atOnce };
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
    // Every storage request has a deadline: 300 arenas' reads sent at once would wait past it in the store's queue.
    assert.ok(large.atOnce <= 5, `at most a few reads at a time, not one per arena: ${large.atOnce}`);
    assert.ok(small.requests.length - changeReads(small.requests) <= 8, `the report's other reads do not grow with the arenas:\n${small.requests.join('\n')}`);
  });

  /** The text of a Word document's body, paragraph by paragraph. */
  async function wordText(docx: Buffer): Promise<string> {
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    return xml.split('</w:p>').map((para) => [...para.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).join('\n');
  }

  it('gives each arena\'s local activities in Word as a count per status above 20 arenas, says Excel has each one, and Excel lists them all', async () => {
    const { body: docx } = await reportOf(25, 'docx');
    const text = await wordText(docx);
    assert.match(text, /Rapporten gäller 24 arenor\. .*antal per status; varje delaktivitet med status och anteckning finns i Excel-filens blad Lokala aktiviteter/);
    assert.match(text, /Kommun 1\n(?:.*\n)*?3 lokala delaktiviteter\. Var och en finns i Excel-filens blad Lokala aktiviteter\.\nStatus\nDelaktiviteter\nPågår\n3\n/);
    const arenas = text.slice(text.indexOf('\nArenorna\n'), text.indexOf('\nAnalys per strategi\n'));
    assert.ok(arenas.includes('Kommun 24'), 'the section Arenorna is found');
    assert.doesNotMatch(arenas, /Lokal aktivitet 2/, 'Word does not list the local activities one by one');
    // The summary counts the arenas that have not submitted instead of naming 24 of them in one line.
    assert.match(text, /0 av 24 arenor har lämnat in sin uppföljning\. 24 arenor har inte lämnat in; under Arenorna står det för var och en\./);
    const { body: xlsx } = await reportOf(25, 'xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    const local: string[] = [];
    book.getWorksheet('Lokala aktiviteter')!.eachRow((row, i) => {
      if (i > 1) local.push(`${String(row.getCell(1).value)}: ${String(row.getCell(6).value)}`);
    });
    assert.deepEqual(local.sort(), ['Kommun 1', 'Kommun 24'].flatMap((k) => [1, 2, 3].map((n) => `${k}: Lokal aktivitet ${n}`)).sort());
  });
});
