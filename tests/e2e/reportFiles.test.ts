// The yearly report over HTTP with real Teams SSO tokens, on data entered through the bot and the
// tab's API: the JSON, the Word document (parsed back: strategy headings, a reported value, page
// numbers in the footer, a chart per numeric measure) and the Excel workbook (six sheets, a row
// per item, real dates in Swedish time).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Report } from '../../bot/domain/report';
import { WORD_SECTIONS } from '../../bot/api/reportWord';
import { loadPlanContent } from '../../bot/content/loadPlan';
import type { PlanView, SubActivityView } from '../../bot/domain/planView';
import { fillArena } from '../bench/scale';
import { useBot } from '../helpers/botHarness';
import { unswedishNumbers } from '../helpers/swedishNumbers';
import { SsoIssuer } from '../helpers/ssoIssuer';
import { ANNA, BENGT, buttons, channel, inputValues } from '../helpers/teamsClient';

const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const ostersund = channel('Östersund');
const content = loadPlanContent();
const countySubs = content.strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities));
const municipalities = content.arenas.filter((a) => a.kind === 'municipality');
const LAKARBESOK = 's3-e1';
const NOW = new Date('2026-11-23T09:00:00Z');

describe('the yearly report as JSON, Word and Excel', function () {
  this.timeout(60_000);
  const entra = new SsoIssuer();
  const env: Record<string, string> = {};
  let clock = NOW;
  const bot = useBot(env, () => ({ now: () => clock }));

  before(async () => {
    await entra.start();
    Object.assign(env, entra.env());
  });
  after(() => entra.stop());

  const as = async (person: { aadObjectId: string; name: string }) => `Bearer ${await entra.token({ oid: person.aadObjectId, name: person.name })}`;
  const get = async (path: string, person = ANNA) => fetch(`${bot.app.url}${path}`, { headers: { authorization: await as(person) } });

  async function sub(scope: string, id: string): Promise<SubActivityView> {
    const view = (await (await get('/api/plan')).json()) as PlanView;
    const all = scope === 'lan' ? view.strategies.flatMap((s) => s.activities) : view.arenas.find((a) => a.id === scope)!.bilaga1;
    return all.flatMap((a) => a.subActivities).find((d) => d.id === id)!;
  }

  async function patch(scope: string, id: string, body: Record<string, unknown>, person: typeof ANNA) {
    const seen = await sub(scope, id);
    const res = await fetch(`${bot.app.url}/api/activities/${scope}/${id}`, { method: 'PATCH', headers: { authorization: await as(person), 'content-type': 'application/json', 'if-match': seen.etag }, body: JSON.stringify({ version: seen.version, ...body }) });
    assert.equal(res.status, 200, await res.text());
  }

  async function reportValue(measure: string, arena: string, period: string, values: string[], person: typeof ANNA) {
    const res = await fetch(`${bot.app.url}/api/measures/${measure}/values/${arena}/${period}`, { method: 'PUT', headers: { authorization: await as(person), 'content-type': 'application/json', 'if-none-match': '*' }, body: JSON.stringify({ values }) });
    assert.equal(res.status, 200, await res.text());
  }

  beforeEach(async () => {
    clock = NOW;
    await bot.teams.say(county, 'koppla Länsgemensam samverkan', ANNA);
    await bot.teams.say(ostersund, 'koppla Östersund', BENGT);
    await patch('lan', countySubs[0]!.id, { status: 'klar', statusNote: 'Genomförd i oktober', measureAnswer: '', comment: '' }, ANNA);
    await patch('ostersund', countySubs[1]!.id, { status: 'pagar', statusNote: 'Östersund har börjat', measureAnswer: '', comment: '' }, BENGT);
    // The county reports every measure's values, the municipalities' and Hela länet's.
    await reportValue(LAKARBESOK, 'ostersund', '2025', ['120'], ANNA);
    await reportValue(LAKARBESOK, 'ostersund', '2026', ['150'], ANNA);
    await reportValue(LAKARBESOK, 'lan', '2026', ['900'], ANNA);
  });

  it('answers JSON with the counts, the measure against last year and the changes of the year', async () => {
    const res = await get('/api/report/2026');
    assert.equal(res.status, 200);
    const report = (await res.json()) as Report;
    assert.equal(report.title, 'Uppföljning 2026 – Gemensam plan');
    assert.deepEqual(report.period, { from: '2026-01-01', to: '2026-11-23' });
    assert.equal(report.source.kind, 'live');
    assert.equal(report.summary.total.counts.klar, 1);
    assert.equal(report.summary.total.counts.total, countySubs.length);
    const visits = report.measures.find((m) => m.id === LAKARBESOK)!;
    const row = visits.rows.find((r) => r.arenaId === 'ostersund')!;
    assert.deepEqual([row.value, row.previous, row.target], ['150', '120', 'met']);
    // The county figure beside the municipalities', as the county reported it (never their sum).
    assert.deepEqual(visits.lines.filter((l) => l.county).map((l) => [l.arenaName, l.cells.map((c) => c.value ?? '')]), [['Hela länet', ['', '900']]]);
    assert.equal(visits.reported, 1);
    assert.equal(visits.reporters, municipalities.length);
    assert.ok(report.changes.listed.some((e) => e.scopeId === 'ostersund' && e.actor === BENGT.name && e.subActivityId === countySubs[1]!.id));
    assert.ok(report.changes.byArena.some((g) => g.id === 'ostersund'));
  });

  it("reports the year's round: the open round's submissions and analysis, and once closed its snapshot, which later changes leave alone", async () => {
    const send = async (method: string, path: string, body: unknown, person = ANNA) => {
      const res = await fetch(`${bot.app.url}${path}`, { method, headers: { authorization: await as(person), 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await res.text();
      assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${text}`);
      return JSON.parse(text) as Record<string, any>;
    };
    const report = async () => (await (await get('/api/report/2026')).json()) as Report;
    await send('POST', '/api/rounds', { lastDay: '2026-12-10' });
    await send('POST', '/api/rounds/2026/submission', { arenaId: 'ostersund', comment: 'Från Östersund.' }, BENGT);
    await send('PUT', '/api/rounds/2026/analysis/s1', { etag: 'not-yet-written', text: 'Delaktigheten har ökat.' });
    const open = await report();
    assert.equal(open.source.kind, 'openRound');
    assert.equal(open.summary.submitted, 1);
    assert.equal(open.arenas.find((a) => a.arenaId === 'ostersund')!.submission!.comment, 'Från Östersund.');
    assert.equal(open.analysis.find((a) => a.strategyId === 's1')!.text, 'Delaktigheten har ökat.');
    assert.deepEqual((await (await get('/api/report')).json()).years[0], { year: 2026, round: 'open' });

    clock = new Date('2026-11-23T10:00:00Z');
    const { etag } = ((await (await get('/api/rounds/2026')).json()) as { round: { etag: string } }).round;
    await send('PATCH', '/api/rounds/2026', { etag, close: true });
    const closed = await report();
    assert.equal(closed.source.kind, 'round');
    assert.equal(closed.summary.total.counts.klar, 1);
    const word = Buffer.from(await (await get('/api/report/2026.docx')).arrayBuffer());

    // After the closing: another item is done, another value reported, another change made.
    clock = new Date('2026-11-23T11:00:00Z');
    await patch('lan', countySubs[2]!.id, { status: 'klar', statusNote: 'Efter stängningen', measureAnswer: '', comment: '' }, ANNA);
    await reportValue('s4-e1', 'ostersund', '2026', ['0,5'], ANNA);
    assert.equal((await sub('lan', countySubs[2]!.id)).status, 'klar', 'the live plan has moved on');
    const later = await report();
    assert.deepEqual(later, closed, 'the closed round reads the same');
    const wordLater = Buffer.from(await (await get('/api/report/2026.docx')).arrayBuffer());
    const text = async (b: Buffer) => (await (await JSZip.loadAsync(b)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    assert.equal(await text(wordLater), await text(word));
    assert.ok(!(await text(wordLater)).includes('Efter stängningen'));
  });

  it('makes the Word report a steering group reads: its sections in order, Bilaga 1 once each, every year of a measure, every submission comment, the conclusions, in Swedish, each change once', async () => {
    const send = async (method: string, path: string, body: unknown, person = ANNA) => {
      const res = await fetch(`${bot.app.url}${path}`, { method, headers: { authorization: await as(person), 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${await res.text()}`);
    };
    // Three years of a per-municipality measure, 2026 not yet reported as is normal in December.
    await reportValue('s4-e1', 'ostersund', '2023', ['7,1'], ANNA);
    await reportValue('s4-e1', 'ostersund', '2024', ['1282'], ANNA);
    await reportValue('s4-e1', 'ostersund', '2025', ['5,5'], ANNA);
    await send('POST', '/api/rounds', { lastDay: '2026-12-10' });
    await send('POST', '/api/rounds/2026/submission', { arenaId: 'ostersund', comment: 'Första inlämningen från Östersund.' }, BENGT);
    clock = new Date('2026-11-23T09:30:00Z');
    await send('POST', '/api/rounds/2026/submission', { arenaId: 'ostersund', comment: 'Vi lämnar in igen efter arenamötet.' }, BENGT);
    await send('PUT', '/api/rounds/2026/analysis/slutsatser', { etag: 'not-yet-written', text: 'Samverkan har stärkts i hela länet.' });
    await send('PUT', '/api/rounds/2026/analysis/forslag-infor-nasta-ar', { etag: 'not-yet-written', text: 'Prioritera hemsjukvården 2027.' });
    clock = new Date('2026-11-24T10:00:00Z');
    const { etag } = ((await (await get('/api/rounds/2026')).json()) as { round: { etag: string } }).round;
    await send('PATCH', '/api/rounds/2026', { etag, close: true });
    const report = (await (await get('/api/report/2026')).json()) as Report;

    const body = Buffer.from(await (await get('/api/report/2026.docx')).arrayBuffer());
    fs.mkdirSync('test-results/report', { recursive: true });
    fs.writeFileSync('test-results/report/rapport-2026-stangd.docx', body);
    const zip = await JSZip.loadAsync(body);
    const xml = await zip.file('word/document.xml')!.async('string');
    const styles = await zip.file('word/styles.xml')!.async('string');
    assert.match(styles + xml, /<w:lang w:val="sv-SE"/, 'the document is Swedish');
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0].replace(/<[^>]+>/g, ''));
    const text = paragraphs.join('\n');
    // The chapters in the order, each heading once after the contents.
    const headings = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="Heading1"\/>[\s\S]*?<\/w:p>/g)].map((m) => m[0].replace(/<[^>]+>/g, ''));
    assert.deepEqual(headings, WORD_SECTIONS.map((s) => s.title));
    assert.match(text, /Avsändare: Länsgemensam samverkan/);
    assert.match(text, /Datum: 24 november 2026/);
    assert.match(text, /Underlag: Uppföljning 2026, stängd 24 november 2026/);
    assert.ok(text.includes('Samverkan har stärkts i hela länet.') && text.indexOf('Samverkan har stärkts') < text.indexOf('Läget per strategi'), 'the conclusions open Sammanfattning');
    assert.ok(text.includes('Prioritera hemsjukvården 2027.'));
    // Bilaga 1: every county sub-activity once in the county's table (from → to), then the arenas' table.
    const bilaga = text.slice(text.indexOf(WORD_SECTIONS[1].title, text.indexOf('Läget per strategi')), text.indexOf('Arenornas uppföljning av Bilaga 1'));
    for (const d of report.actionPlan) assert.equal(bilaga.split(`${d.subTitle}`).length - 1 >= 1, true, d.subTitle);
    const rowsOf = (id: string) => report.actionPlan.filter((r) => r.subId === id).length;
    for (const d of countySubs.filter((x) => !('retired' in x && x.retired))) assert.equal(rowsOf(d.id), 1, d.id);
    assert.match(bilaga, /Genomförd i oktober/);
    assert.match(bilaga, /→ Klar/);
    // Every year of the measure, Swedish numbers as entered.
    const measures = text.slice(text.indexOf(WORD_SECTIONS[2].title, text.indexOf('Läget per strategi')));
    for (const value of ['7,1', '1\u00a0282', '5,5']) assert.ok(measures.includes(value), value);
    assert.match(measures, /Nås inte: 5,5 mot 1\u00a0282 \(2025 jämfört med 2024\)/);
    // Both of Östersund's submission comments.
    assert.ok(text.includes('Första inlämningen från Östersund.') && text.includes('Vi lämnar in igen efter arenamötet.'));
    // Each change of the period once, in the appendix.
    const appendix = text.slice(text.lastIndexOf(WORD_SECTIONS[5].title));
    assert.ok(report.changes.listed.length > 0 && report.changes.listed.length <= 40);
    const stamps = report.changes.listed.map((e) => e.at);
    assert.equal(appendix.split('Östersund har börjat').length - 1, 1, 'the Östersund change once');
    assert.ok(stamps.length === report.changes.byStrategy.reduce((n, g) => n + g.events.length, 0), 'each change in exactly one group');
  });

  it('refuses a year that is not one with a Swedish sentence, and a request without sign-in', async () => {
    for (const bad of ['20x6', '2019', '2027', '2026.pdf']) {
      const res = await get(`/api/report/${encodeURIComponent(bad)}`);
      assert.equal(res.status, 400, bad);
      assert.match(((await res.json()) as { error: string }).error, /år|Året/);
    }
    assert.equal((await fetch(`${bot.app.url}/api/report/2026.docx`)).status, 401);
  });

  it('makes a Word document with the strategy headings, the reported value, page numbers and charts', async () => {
    const res = await get('/api/report/2026.docx');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(res.headers.get('content-disposition')!, /filename\*=UTF-8''Uppf%C3%B6ljning%202026%20%E2%80%93%20Gemensam%20plan\.docx/);
    const body = Buffer.from(await res.arrayBuffer());
    // Kept for a person to open in Word (test-results/ is not committed).
    fs.mkdirSync('test-results/report', { recursive: true });
    fs.writeFileSync('test-results/report/rapport-2026.docx', body);
    const zip = await JSZip.loadAsync(body);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<w:tab\/>/g, ' ').replace(/<[^>]+>/g, '');
    for (const s of content.strategies) assert.ok(text.includes(`Strategi ${s.number}: `), `strategy ${s.number}`);
    for (const heading of WORD_SECTIONS.map((s) => s.title)) assert.ok(text.includes(heading), heading);
    // Läkarbesök i hemmet, Östersund: 120 in 2025 and 150 in 2026, the target met with both years named.
    assert.match(text, /Östersund120150Nås: 150 mot 120 \(2026 jämfört med 2025\)/);
    const footers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    assert.ok(footers.some((f) => /PAGE/.test(f) && /NUMPAGES/.test(f)), 'page numbers in the footer');
    const charts = Object.keys(zip.files).filter((f) => /^word\/charts\/chart\d+\.xml$/.test(f));
    assert.ok(charts.length >= 1, 'a chart for the measure with values');
  });

  it('writes every number the Swedish way with more than a thousand changes: in Word "1 016", and numbers in Excel with a number format', async () => {
    // Östersund's year: 101 local activities with 10 changes each, written as the app writes them.
    await fillArena(bot.app.tables.plan, 'ostersund', content.strategies.map((s) => s.id), { activities: 101, changesPerActivity: 10 });
    const other = content.strategies.flatMap((m) => m.effectMeasures).find((m) => m.id !== LAKARBESOK && m.level === 'municipality' && m.frequency === 'yearly' && m.direction !== 'yes')!;
    await reportValue(other.id, 'ostersund', '2025', ['1282'], ANNA);
    await reportValue(other.id, 'ostersund', '2026', ['7.1'], ANNA);
    const docx = await JSZip.loadAsync(Buffer.from(await (await get('/api/report/2026.docx')).arrayBuffer()));
    // Each paragraph (a table cell's too) on a line of its own, so that two cells' figures do not run together.
    const text = (await docx.file('word/document.xml')!.async('string')).replace(/<\/w:p>/g, '\n').replace(/<w:tab\/>/g, ' ').replace(/<[^>]+>/g, '');
    assert.deepEqual(unswedishNumbers(text), []);
    const appendix = text.slice(text.lastIndexOf(WORD_SECTIONS[5].title));
    assert.match(appendix, /^1\u00a00\d\d förändringar under perioden/m, appendix.slice(0, 400));
    assert.match(appendix, /^Östersund\n1\u00a00\d\d$/m, appendix.slice(0, 400));
    assert.ok(text.includes('7,1') && text.includes('1\u00a0282'));

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await (await get('/api/report/2026.xlsx')).arrayBuffer());
    const summary = book.getWorksheet('Sammanfattning')!.getRow(2).getCell(2);
    assert.equal(typeof summary.value, 'number');
    assert.equal(summary.numFmt, '#,##0');
    const measures = book.getWorksheet('Effektmått')!;
    const row = measures.getRows(2, measures.actualRowCount - 1)!.find((r) => r.getCell('B').value === other.title && r.getCell('E').value === 'Östersund' && r.getCell('F').value === '2026')!;
    assert.deepEqual([row.getCell('G').value, row.getCell('H').value, row.getCell('H').numFmt], ['7,1', 7.1, '#,##0.0']);
    assert.deepEqual([row.getCell('J').value, row.getCell('J').numFmt], [1282, '#,##0']);
    // Östersund's 1,010, the two status changes and five reported values (three before the test, two in it).
    assert.equal(book.getWorksheet('Historik')!.actualRowCount - 1, 1010 + 2 + 5, 'every change in Historik');
  });

  it('makes an Excel workbook with six sheets, a row per item and real dates', async () => {
    // Östersund adopts a recommended local activity in its channel (ny aktivitet → Välj → Anta).
    const recommendation = content.strategies[0]!.localRecommendations[0]!;
    const card = (await bot.teams.say(ostersund, 'ny aktivitet', BENGT)).cards[0]!;
    const choose = buttons(card).find((b) => b.verb === 'chooseNewActivityStrategy' && b.data.strategyId === content.strategies[0]!.id)!;
    const step = await bot.teams.execute(ostersund, choose.verb, { ...inputValues(card), ...choose.data }, BENGT);
    const anta = buttons(step).find((b) => b.verb === 'adoptRecommendation' && b.data.recommendationId === recommendation.id)!;
    await bot.teams.execute(ostersund, anta.verb, { ...inputValues(step), ...anta.data, adoptFrom: '2026', adoptTo: '2027' }, BENGT);
    const res = await get('/api/report/2026.xlsx');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    assert.deepEqual(book.worksheets.map((w) => w.name), ['Sammanfattning', 'Handlingsplan', 'Lokal uppföljning', 'Lokala aktiviteter', 'Effektmått', 'Historik']);
    const rows = (name: string) => book.getWorksheet(name)!.actualRowCount - 1;
    assert.equal(rows('Sammanfattning'), content.strategies.length + 1);
    assert.equal(rows('Handlingsplan'), countySubs.length);
    // The region's own work is not followed up locally (docs/plan-file.md).
    assert.equal(rows('Lokal uppföljning'), countySubs.filter((d) => !d.regionOwn).length * municipalities.length);
    // An adopted recommendation is one activity with one sub-activity, its own title.
    assert.equal(rows('Lokala aktiviteter'), 1);
    assert.equal(book.getWorksheet('Lokala aktiviteter')!.getRow(2).getCell(1).value, 'Östersund');
    const measures = content.strategies.flatMap((s) => s.effectMeasures);
    const perArena = (m: (typeof measures)[number]) => (m.level === 'municipality' ? municipalities.length : 1) * (m.frequency === 'halfYearly' ? 2 : 1);
    assert.equal(rows('Effektmått'), measures.reduce((n, m) => n + perArena(m), 0));
    // Two status changes, three reported values (Östersund's two and Hela länet's) and the adopted activity.
    const history = book.getWorksheet('Historik')!;
    assert.equal(rows('Historik'), 6);
    for (const ws of book.worksheets) {
      assert.ok(ws.autoFilter, `${ws.name} has a filter`);
      assert.ok(ws.columns.every((c) => (c.width ?? 0) > 0), `${ws.name} has widths`);
    }
    // Dates are dates, in Swedish time: 09:00 UTC in November is 10:00 in Stockholm.
    const at = history.getRow(2).getCell(1).value;
    assert.ok(at instanceof Date, 'a real date');
    assert.equal(at.toISOString(), '2026-11-23T10:00:00.000Z');
    const klar = book.getWorksheet('Handlingsplan')!.getRow(2);
    assert.equal(klar.getCell(5).value, 'Klar');
    assert.ok(klar.getCell(11).value instanceof Date);
  });
});
