// Effect-measure values from the tab, with real Teams SSO tokens: PUT with the ETag the person
// saw, through the same use case as the bot's Spara (a value reported in one shows in the
// other); and the county's Excel upload, checked row by row before anything is written. Also
// the one-time move of values stored in the old layout (one partition per measure).
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { PlanApiView } from '../../bot/api/planApi';
import { legacyMeasurePartition } from '../../bot/storage/measureStore';
import { useBot } from '../helpers/botHarness';
import { useProxiedBot } from '../helpers/proxiedBot';
import { xlsxBomb } from '../helpers/zipBomb';
import { SsoIssuer } from '../helpers/ssoIssuer';
import { ANNA, BENGT, cardText, channel } from '../helpers/teamsClient';

const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const ostersund = channel('Östersund');
const SIP = 's1-e1';
const LAKARBESOK = 's3-e1';
const HALSA = 's4-e2';
const ARENOR = 's5-e1';
const KONTINUITET = 's2-e1';

describe("effect-measure values from the tab's API", () => {
  const entra = new SsoIssuer();
  const env: Record<string, string> = {};
  const bot = useBot(env, () => ({ now: () => new Date('2026-11-23T09:00:00Z') }));

  before(async () => {
    await entra.start();
    Object.assign(env, entra.env());
  });
  after(() => entra.stop());

  beforeEach(async () => {
    // Anna takes part in the county channel, Bengt in Östersund's.
    await bot.teams.say(county, 'koppla Länsgemensam samverkan', ANNA);
    await bot.teams.say(ostersund, 'koppla Östersund', BENGT);
  });

  const as = async (person: { aadObjectId: string; name: string }) => `Bearer ${await entra.token({ oid: person.aadObjectId, name: person.name })}`;

  async function put(path: string, body: Record<string, unknown>, person: typeof ANNA, headers: Record<string, string>) {
    const res = await fetch(`${bot.app.url}/api/measures/${path}`, { method: 'PUT', headers: { authorization: await as(person), 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, etag: res.headers.get('etag'), body: (await res.json()) as Record<string, any> };
  }

  async function upload(book: ExcelJS.Workbook, person = ANNA) {
    const file = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    const res = await fetch(`${bot.app.url}/api/measures/upload`, { method: 'POST', headers: { authorization: await as(person), 'content-type': 'application/json' }, body: JSON.stringify({ file }) });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }

  async function exported(): Promise<ExcelJS.Workbook> {
    const res = await fetch(`${bot.app.url}/api/export.xlsx`, { headers: { authorization: await as(ANNA) } });
    assert.equal(res.status, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    return book;
  }

  async function valueRows(): Promise<number> {
    let n = 0;
    for await (const row of bot.app.tables.measures.listEntities({ queryOptions: { filter: "PartitionKey eq 'values'" } })) if (row.rowKey) n += 1;
    return n;
  }

  it('saves a first value written the Swedish way, answers with its ETag, and the bot shows it', async () => {
    // Hälsa på lika villkor: the county's, per survey round (the year the survey was made).
    const saved = await put(`${HALSA}/values/lan/2024`, { values: ['0,42'], comment: 'HLV 2024' }, ANNA, { 'if-none-match': '*' });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.outcome, 'saved');
    assert.deepEqual(saved.body.current.values, [{ category: null, value: 0.42 }]);
    assert.ok(saved.etag && saved.etag === saved.body.current.etag);
    const plan = (await (await fetch(`${bot.app.url}/api/plan`, { headers: { authorization: await as(ANNA) } })).json()) as PlanApiView;
    const value = plan.strategies.flatMap((s) => s.effectMeasures).find((m) => m.id === HALSA)!.values[0]!;
    assert.deepEqual([value.arenaId, value.reportedBy, value.history.length], ['lan', ANNA.name, 1]);
    // The mått card shows the measures a page at a time: the person turns to the measure's page (an arena sees the county's value).
    let card = (await bot.teams.say(ostersund, 'mått', BENGT)).cards[0]!;
    for (let page = 1; page < 5 && !/2024: 0,42/.test(cardText(card)); page++) card = await bot.teams.click(ostersund, card, 'Visa fler', {}, BENGT);
    assert.match(cardText(card), /Länet, 2024: 0,42 \(rapporterat av Anna Andersson/);
  });

  it('refuses a stale ETag with the current value and what happened since, and answers an identical value as unchanged', async () => {
    const first = await put(`${LAKARBESOK}/values/ostersund/2025`, { values: ['1 234'] }, ANNA, { 'if-none-match': '*' });
    const second = await put(`${LAKARBESOK}/values/ostersund/2025`, { values: ['1 300'], version: 1 }, ANNA, { 'if-match': first.etag! });
    assert.equal(second.status, 200);
    const stale = await put(`${LAKARBESOK}/values/ostersund/2025`, { values: ['1 250'], version: 1 }, ANNA, { 'if-match': first.etag! });
    assert.equal(stale.status, 409);
    assert.match(stale.body.error, /Någon annan rapporterade/);
    assert.deepEqual(stale.body.current.values, [{ category: null, value: 1300 }]);
    assert.deepEqual(stale.body.since.map((h: { version: number }) => h.version), [2]);
    // A first value where one exists is a conflict too.
    assert.equal((await put(`${LAKARBESOK}/values/ostersund/2025`, { values: ['5'] }, ANNA, { 'if-none-match': '*' })).status, 409);
    const same = await put(`${LAKARBESOK}/values/ostersund/2025`, { values: ['1300'] }, ANNA, { 'if-match': second.etag! });
    assert.deepEqual([same.status, same.body.outcome], [200, 'unchanged']);
    assert.equal((await bot.app.measures.history(LAKARBESOK, '2025', 'ostersund')).length, 2);
  });

  it('answers 403, 428, 400 and 404 as the bot would refuse, and changes nothing', async () => {
    // The county reports every value: Bengt, in Östersund's channel only, may not report even Östersund's.
    const own = await put(`${LAKARBESOK}/values/ostersund/2025`, { values: ['1'] }, BENGT, { 'if-none-match': '*' });
    assert.equal(own.status, 403);
    assert.match(own.body.error, /rapporteras av den som är med i kanalen för länsgemensam samverkan/);
    assert.equal((await put(`${KONTINUITET}/values/lan/2025`, { values: ['1'] }, BENGT, { 'if-none-match': '*' })).status, 403);
    assert.equal((await put(`${LAKARBESOK}/values/ostersund/2025`, { values: ['1'] }, ANNA, {})).status, 428);
    const bad = await put(`${LAKARBESOK}/values/ostersund/2025`, { values: ['tolv'] }, ANNA, { 'if-none-match': '*' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.details.join(' '), /skriv ett tal/);
    assert.equal((await put(`${LAKARBESOK}/values/ostersund/2022`, { values: ['1'] }, ANNA, { 'if-none-match': '*' })).status, 400);
    // A value at a level the measure no longer has (påverkbar slutenvård is the region's): refused.
    assert.equal((await put(`s3-e2/values/ostersund/2025`, { values: ['1'] }, ANNA, { 'if-none-match': '*' })).status, 400);
    assert.equal((await put(`s9-e9/values/ostersund/2025`, { values: ['1'] }, ANNA, { 'if-none-match': '*' })).status, 404);
    assert.equal(await valueRows(), 0);
  });

  it('has an Effektmått sheet in the export with a row per value and category, and empty rows to fill in', async () => {
    await bot.app.measures.report({ measureId: SIP, periodId: '2026-H1', arenaId: 'krokom', etag: '', values: [{ category: 'Barn och unga', value: 3 }, { category: 'Vuxna', value: 4.5 }], comment: 'Cosmic', actor: { id: 'x', name: 'Cecilia Carlsson' } });
    const sheet = (await exported()).getWorksheet('Effektmått')!;
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ['Effektmått-id', 'Effektmått', 'Period', 'Arena-id', 'Arena', 'Kategori', 'Värde', 'Kommentar', 'Rapporterat av', 'Rapporterat', 'Version']);
    // The version each value had at export, in a hidden column: the upload checks it.
    assert.equal(sheet.getColumn(11).hidden, true);
    const rows = sheet.getRows(2, sheet.rowCount - 1)!.map((r) => (r.values as unknown[]).slice(1));
    // When it was reported: a real date in Swedish time (09:00 UTC in November is 10:00 in Stockholm).
    assert.deepEqual(rows.filter((r) => r[0] === SIP && r[2] === '2026-H1' && r[3] === 'krokom'), [
      [SIP, 'Antal SIP upprättade i Cosmic LINK, fördelat på barn och unga resp. vuxna', '2026-H1', 'krokom', 'Krokom', 'Barn och unga', 3, 'Cosmic', 'Cecilia Carlsson', new Date('2026-11-23T10:00:00Z'), 1],
      [SIP, 'Antal SIP upprättade i Cosmic LINK, fördelat på barn och unga resp. vuxna', '2026-H1', 'krokom', 'Krokom', 'Vuxna', 4.5, '', 'Cecilia Carlsson', new Date('2026-11-23T10:00:00Z'), 1],
    ]);
    // Every municipality has an empty row for the last completed period's value of a per-municipality measure,
    // and Hela länet one more where the measure has a county figure (not the ja/nej measure).
    assert.equal(rows.filter((r) => r[0] === ARENOR && r[2] === '2025').length, 8);
    assert.deepEqual(rows.filter((r) => r[0] === LAKARBESOK && r[2] === '2025').map((r) => r[4]), ['Berg', 'Bräcke', 'Härjedalen', 'Krokom', 'Ragunda', 'Strömsund', 'Åre', 'Östersund', 'Hela länet']);
  });

  it('keeps a value reported at a level its measure no longer has on a sheet of its own, to read, and leaves it out of the sheet to upload', async () => {
    // Östersund's value of påverkbar slutenvård from before the measure was decided at region level.
    await bot.app.measures.report({ measureId: 's3-e2', periodId: '2023', arenaId: 'ostersund', etag: '', values: [{ category: null, value: 7 }], comment: 'Före beslutet', actor: { id: 'x', name: 'Cecilia Carlsson' } });
    const book = await exported();
    assert.ok(!book.getWorksheet('Effektmått')!.getRows(2, book.getWorksheet('Effektmått')!.rowCount - 1)!.some((r) => r.getCell(1).value === 's3-e2' && r.getCell(4).value === 'ostersund'));
    const earlier = book.getWorksheet('Effektmått tidigare nivå');
    assert.ok(earlier, 'the export has the sheet when such a value exists');
    assert.deepEqual((earlier.getRow(2).values as unknown[]).slice(1, 9), ['s3-e2', 'Påverkbar slutenvård vid kronisk sjukdom', '2023', 'ostersund', 'Östersund (rapporterat på tidigare nivå)', '', 7, 'Före beslutet']);
    assert.equal(earlier.rowCount, 2);
  });

  /** The exported sheet with these values filled in (measure, period, arena, category → value). */
  async function filledIn(values: Array<[string, string, string, string, unknown, string?]>): Promise<{ book: ExcelJS.Workbook; rowOf: (m: string, p: string, a: string, c?: string) => number }> {
    const book = await exported();
    const sheet = book.getWorksheet('Effektmått')!;
    const rowOf = (m: string, p: string, a: string, c = '') => {
      let found = 0;
      sheet.eachRow((r, n) => {
        const v = r.values as unknown[];
        if (v[1] === m && String(v[3]) === p && v[4] === a && (v[6] ?? '') === c) found = n;
      });
      if (!found) {
        found = sheet.rowCount + 1;
        const row = sheet.getRow(found);
        [m, '', p, a, '', c].forEach((v, i) => (row.getCell(i + 1).value = v));
      }
      return found;
    };
    for (const [m, p, a, c, value, comment] of values) {
      const row = sheet.getRow(rowOf(m, p, a, c));
      row.getCell(7).value = value as ExcelJS.CellValue;
      if (comment) row.getCell(8).value = comment;
    }
    return { book, rowOf };
  }

  it('refuses an upload with one bad row as a whole, names the row, and changes nothing', async () => {
    const { book, rowOf } = await filledIn([
      [LAKARBESOK, '2023', 'ostersund', '', 1180],
      [LAKARBESOK, '2024', 'ostersund', '', '1 204'],
      [LAKARBESOK, '2025', 'krokom', '', 'tolv'],
      [ARENOR, '2026', 'berg', '', 'ja'],
    ]);
    const answer = await upload(book);
    assert.equal(answer.status, 400);
    assert.match(answer.body.error, /Ingenting sparades: en rad behöver rättas\./);
    assert.deepEqual(answer.body.rows, [{ row: rowOf(LAKARBESOK, '2025', 'krokom'), errors: ['Värdet: skriv ett tal, till exempel 12, 0,42 eller 1 234'] }]);
    assert.equal(await valueRows(), 0);
  });

  it('writes every value of a good upload with its history, as if typed, and a second upload of the same file changes nothing', async () => {
    await bot.app.measures.report({ measureId: LAKARBESOK, periodId: '2025', arenaId: 'ostersund', etag: '', values: [{ category: null, value: 1000 }], comment: '', actor: { id: 'x', name: 'Cecilia Carlsson' } });
    const { book } = await filledIn([
      [LAKARBESOK, '2023', 'ostersund', '', 1180, 'Basår'],
      [LAKARBESOK, '2025', 'ostersund', '', '1 250,5'],
      [SIP, '2025-H2', 'ostersund', 'Barn och unga', 10],
      [SIP, '2025-H2', 'ostersund', 'Vuxna', '0,5'],
      [KONTINUITET, '2024', 'lan', '', 0.42],
      [ARENOR, '2026', 'berg', '', 'ja'],
    ]);
    const answer = await upload(book);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const { written, ...counts } = answer.body;
    assert.deepEqual(counts, { saved: 5, unchanged: 0, conflicts: [] });
    assert.equal(written.length, 6, 'the rows written (one value has two categories)');
    assert.deepEqual((await bot.app.measures.get(LAKARBESOK, '2023', 'ostersund'))?.values, [{ category: null, value: 1180 }]);
    assert.equal((await bot.app.measures.get(LAKARBESOK, '2023', 'ostersund'))?.reportedBy, ANNA.name);
    assert.deepEqual((await bot.app.measures.history(LAKARBESOK, '2025', 'ostersund')).map((h) => [h.version, h.values[0]?.value]), [[2, 1250.5], [1, 1000]]);
    assert.deepEqual((await bot.app.measures.get(SIP, '2025-H2', 'ostersund'))?.values, [{ category: 'Barn och unga', value: 10 }, { category: 'Vuxna', value: 0.5 }]);
    assert.deepEqual((await bot.app.measures.get(ARENOR, '2026', 'berg'))?.values, [{ category: null, value: 'ja' }]);
    for (const [m, p, a] of [[LAKARBESOK, '2023', 'ostersund'], [SIP, '2025-H2', 'ostersund'], [KONTINUITET, '2024', 'lan'], [ARENOR, '2026', 'berg']] as const) {
      assert.equal((await bot.app.measures.history(m, p, a)).length, 1, `${m} ${p} ${a}`);
    }
    const again = await upload(await exported());
    assert.deepEqual(again.body, { saved: 0, unchanged: 5, conflicts: [], written: [] });
  });

  it('keeps a value reported after the export, lists the row with both values, and says the same when the sheet comes again', async () => {
    await bot.app.measures.report({ measureId: LAKARBESOK, periodId: '2025', arenaId: 'ostersund', etag: '', values: [{ category: null, value: 1000 }], comment: '', actor: { id: 'x', name: 'Cecilia Carlsson' } });
    // Anna exports; then Bengt (who takes part in the county channel too) corrects Östersund's value in the tab, and someone reports Berg's empty row.
    await bot.teams.say(county, 'hjälp', BENGT);
    const BENGT_IN_COUNTY = BENGT;
    const { book, rowOf } = await filledIn([
      [LAKARBESOK, '2025', 'ostersund', '', 1250],
      [ARENOR, '2026', 'berg', '', 'ja'],
      [ARENOR, '2026', 'krokom', '', 'nej'],
    ]);
    const seen = (await bot.app.measures.get(LAKARBESOK, '2025', 'ostersund'))!;
    const newer = await put(`${LAKARBESOK}/values/ostersund/2025`, { values: ['1 100'] }, BENGT_IN_COUNTY, { 'if-match': seen.etag });
    assert.equal(newer.status, 200, JSON.stringify(newer.body));
    await bot.app.measures.report({ measureId: ARENOR, periodId: '2026', arenaId: 'berg', etag: '', values: [{ category: null, value: 'nej' }], comment: '', actor: { id: 'y', name: 'David Dahl' } });

    for (const attempt of ['first', 'again']) {
      const answer = await upload(book);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.saved, attempt === 'first' ? 1 : 0, attempt);
      assert.equal(answer.body.unchanged, attempt === 'first' ? 0 : 1, attempt);
      assert.deepEqual(answer.body.written, attempt === 'first' ? [rowOf(ARENOR, '2026', 'krokom')] : []);
      assert.deepEqual(answer.body.conflicts.map((c: Record<string, unknown>) => [c.rows, c.fileValue, c.storedValue]), [
        [[rowOf(LAKARBESOK, '2025', 'ostersund')], '1\u00a0250', '1\u00a0100'],
        [[rowOf(ARENOR, '2026', 'berg')], 'ja', 'nej'],
      ]);
      assert.match(answer.body.conflicts[0].message, /Värdet har ändrats sedan filen exporterades: nu 1\s100 \(Bengt Berg, .*\)\. Filens värde 1\s250 sparades inte\./);
    }
    assert.deepEqual((await bot.app.measures.get(LAKARBESOK, '2025', 'ostersund'))?.values, [{ category: null, value: 1100 }]);
    assert.deepEqual((await bot.app.measures.get(ARENOR, '2026', 'berg'))?.values, [{ category: null, value: 'nej' }]);
    assert.deepEqual((await bot.app.measures.get(ARENOR, '2026', 'krokom'))?.values, [{ category: null, value: 'nej' }]);
  });

  it('refuses a sheet without the export\'s Version column, and changes nothing', async () => {
    const { book } = await filledIn([[ARENOR, '2026', 'berg', '', 'ja']]);
    book.getWorksheet('Effektmått')!.spliceColumns(11, 1);
    const answer = await upload(book);
    assert.equal(answer.status, 400);
    assert.match(answer.body.error, /saknar den dolda kolumnen Version.*Ladda ned en ny Excel-export/);
    assert.equal(await valueRows(), 0);
  });

  it('refuses a small file that unpacks to a huge sheet before reading it, and changes nothing', async () => {
    const file = (await xlsxBomb(400_000)).toString('base64');
    const res = await fetch(`${bot.app.url}/api/measures/upload`, { method: 'POST', headers: { authorization: await as(ANNA), 'content-type': 'application/json' }, body: JSON.stringify({ file }) });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { error: string }).error, /Filen har fler än 150\s000 celler\. Utgå från Excel-exporten/);
    assert.equal(await valueRows(), 0);
  });

  it('lets only the county upload', async () => {
    const { book } = await filledIn([[ARENOR, '2026', 'ostersund', '', 'ja']]);
    const answer = await upload(book, BENGT);
    assert.equal(answer.status, 403);
    assert.match(answer.body.error, /länsgemensam samverkan/);
    assert.equal(await valueRows(), 0);
  });

  it('moves values stored in the old layout once at start-up, keeping their history', async () => {
    const legacy = bot.app.tables.measures;
    const row = (rowKey: string, version: number, value: number) => ({
      partitionKey: legacyMeasurePartition(LAKARBESOK), rowKey, measureId: LAKARBESOK, periodId: '2025', arenaId: 'ostersund', values: JSON.stringify([{ category: null, value }]),
      comment: '', reportedAt: '2026-01-10T10:00:00.000Z', reportedBy: 'Cecilia Carlsson', reportedById: 'x', version,
    });
    await legacy.createEntity(row('value|2025|ostersund', 2, 12));
    await legacy.createEntity(row('history|2025|ostersund|9999999997', 2, 12));
    await legacy.createEntity(row('history|2025|ostersund|9999999998', 1, 10));
    // The store was already migrated (empty) when the app started: the marker says so.
    assert.equal(await bot.app.measures.migrateLayout([LAKARBESOK]), 0);
    await legacy.deleteEntity('meta', 'layout');
    await bot.restart();
    assert.deepEqual((await bot.app.measures.get(LAKARBESOK, '2025', 'ostersund'))?.values, [{ category: null, value: 12 }]);
    assert.deepEqual((await bot.app.measures.history(LAKARBESOK, '2025', 'ostersund')).map((h) => [h.version, h.values[0]?.value]), [[2, 12], [1, 10]]);
    assert.equal(await bot.app.measures.migrateLayout([LAKARBESOK]), 0, 'once only');
    // A report on the moved value continues its versions.
    const outcome = await bot.app.measures.report({ measureId: LAKARBESOK, periodId: '2025', arenaId: 'ostersund', etag: (await bot.app.measures.get(LAKARBESOK, '2025', 'ostersund'))!.etag, values: [{ category: null, value: 13 }], comment: '', actor: { id: 'y', name: 'Anna Andersson' } });
    assert.equal(outcome.kind === 'saved' && outcome.value.version, 3);
  });
});

describe('an Excel upload when the store fails midway', () => {
  const { bot, proxy, entra } = useProxiedBot(new Date('2026-11-23T09:00:00Z'));
  afterEach(() => proxy.pass());

  it('lists exactly the rows written, and the same file uploaded again writes the rest and nothing twice', async () => {
    await bot.teams.say(county, 'koppla Länsgemensam samverkan', ANNA);
    const authorization = `Bearer ${await entra.token({ oid: ANNA.aadObjectId, name: ANNA.name })}`;
    const res = await fetch(`${bot.app.url}/api/export.xlsx`, { headers: { authorization } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet('Effektmått')!;
    const rows: number[] = [];
    sheet.eachRow((r, n) => {
      const v = r.values as unknown[];
      if (v[1] === ARENOR && v[3] === '2025') {
        r.getCell(7).value = 'ja';
        rows.push(n);
      }
    });
    assert.equal(rows.length, 8);
    const file = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    const upload = async () => {
      const answer = await fetch(`${bot.app.url}/api/measures/upload`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ file }) });
      return { status: answer.status, body: (await answer.json()) as Record<string, any> };
    };
    const stored = async () => {
      const out: string[] = [];
      for await (const row of bot.app.tables.measures.listEntities<{ arenaId: string; measureId: string }>({ queryOptions: { filter: "PartitionKey eq 'values'" } })) {
        if (String(row.rowKey).startsWith('value|') && row.measureId === ARENOR) out.push(row.arenaId);
      }
      return out.sort();
    };

    // Each value is one write (value and history row in one transaction): the store goes down after three.
    proxy.failAfterWrites(3);
    const failed = await upload();
    assert.equal(failed.status, 503, JSON.stringify(failed.body));
    assert.deepEqual(failed.body.written, rows.slice(0, 3));
    assert.deepEqual(failed.body.uncertain, [rows[3]]);
    assert.deepEqual(failed.body.notWritten, rows.slice(4));
    assert.match(failed.body.error, new RegExp(`Sparade: rader ${rows[0]}, ${rows[1]} och ${rows[2]}\\. Oklart om rad ${rows[3]} sparades\\. Inte sparade: rader ${rows.slice(4).join(', ').replace(/, (\d+)$/, ' och $1')}\\.`));

    proxy.pass();
    assert.equal((await stored()).length, 3);
    const again = await upload();
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual([again.body.saved, again.body.unchanged, again.body.written], [5, 3, rows.slice(3)]);
    assert.equal((await stored()).length, 8);
    for (const arenaId of await stored()) assert.equal((await bot.app.measures.history(ARENOR, '2025', arenaId)).length, 1, `${arenaId} was written once`);
  });
});
