// Follow-up reminders as proactive cards, end to end: channels linked through the bot, the sweep
// built on the running app's stores, cards arriving at the Bot Connector stand-in over HTTP, and
// the claims in Table Storage (Azurite). The clock is the test's.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { tabLinks } from '../../bot/domain/deepLinks';
import { STALE_AFTER_DAYS } from '../../bot/domain/reminderRules';
import type { ReminderRuleId } from '../../bot/reminders/rules';
import { ReminderSweep, type SweepReport } from '../../bot/reminders/sweep';
import { ReminderStore } from '../../bot/storage/reminderStore';
import { createBotAdapter } from '../../bot/teams/adapter';
import { ReminderScheduler } from '../../bot/reminders/scheduler';
import { BotProactiveSender } from '../../bot/teams/proactiveSender';
import type { ProactiveSender } from '../../bot/useCases/proactiveSender';
import { useBot } from '../helpers/botHarness';
import { assertValidCard } from '../helpers/cardValidation';
import { TestClock } from '../helpers/clock';
import type { ConnectorCall } from '../helpers/connector';
import { parseAt } from '../../scripts/reminders';
import { azuriteConnectionString } from '../helpers/storage';
import { ANNA, buttons, cardText, channel, type Card } from '../helpers/teamsClient';

const content = loadPlanContent();
const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const ostersund = channel('Östersund', '19:ostersund@thread.tacv2');
const krokom = channel('Krokom', '19:krokom@thread.tacv2');

/** Monday 30 November 2026, 09:15 in Stockholm: the default delivery hour (Mondays 09:00). */
const MONDAY = '2026-11-30T08:15:00.000Z';

/** Each reminder card's title says which rule sent it. */
const TITLES: Record<ReminderRuleId, RegExp> = {
  stale: /^Dags att följa upp aktiviteterna/,
  periodEnding: /^Prioriteringsperioden slutar snart/,
  measureReporting: /^Dags att rapportera effektmåtten/,
  yearlyFollowUp: /^Årlig uppföljning av planen/,
  revision: /^Planen ska revideras/,
  roundLastDay: /^Lämna in .*s uppföljning senast/,
};

interface Delivered {
  conversationId: string;
  rule: ReminderRuleId;
  card: Card;
}

describe('follow-up reminders', () => {
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));
  let store: ReminderStore;
  /** Calls the stand-in refused (429, 502, 403): they did not deliver a card. */
  const refused = new Set<ConnectorCall>();
  const refuse = (call: ConnectorCall, answer: { status: number; headers?: Record<string, string>; body?: unknown }) => (refused.add(call), answer);

  /** A sweep as one app instance would run it: its own adapter and sender, the app's stores. */
  function instance(sender: ProactiveSender = newSender()): ReminderSweep {
    const log = bot.app.log;
    return new ReminderSweep({
      plan: bot.app.plan,
      channels: bot.app.channels,
      measures: bot.app.measures,
      reminders: store,
      sender,
      links: tabLinks({ publicUrl: bot.app.url }),
      log,
      now: clock.now,
    });
  }

  function newSender(options: { sendTimeoutMs?: number } = {}): BotProactiveSender {
    return new BotProactiveSender(createBotAdapter(undefined, bot.app.log), { botAppId: '', log: bot.app.log, baseDelayMs: 5, maxDelayMs: 20, ...options });
  }

  async function sweepAt(iso: string, options: { dryRun?: boolean } = {}): Promise<SweepReport> {
    clock.set(iso);
    return instance().run({ at: new Date(iso), ...options });
  }

  /**
   * The reminders in a post: a digest's parts (the containers reminder-<rule>-<n>, with the digest's
   * shared buttons), or the card itself when it holds one reminder.
   */
  function partsOf(card: Card): Card[] {
    const parts = (card.body ?? []).filter((e) => /^reminder-/.test(String((e as { id?: unknown }).id ?? ''))) as Array<{ items: unknown[] }>;
    return parts.length ? parts.map((p) => ({ ...card, body: p.items })) : [card];
  }

  /** Reminder cards that reached the connector stand-in, in order (a digest's parts one by one). */
  function delivered(calls: ConnectorCall[] = bot.connector.calls): Delivered[] {
    return calls
      .filter((c) => c.method === 'POST' && /\/activities/.test(c.path) && !refused.has(c))
      .flatMap((c) => ((c.body.attachments as Array<{ content: Card }> | undefined) ?? []).map((a) => ({ c, card: a.content })))
      .flatMap(({ c, card }) => (assertValidCard(card, 'reminder post'), partsOf(card).map((part) => ({ c, card: part }))))
      .map(({ c, card }) => {
        const title = String((card.body?.[0] as { text?: unknown } | undefined)?.text ?? '');
        const rule = (Object.keys(TITLES) as ReminderRuleId[]).find((r) => TITLES[r].test(title));
        assert.ok(rule, `not a reminder card: ${title}`);
        return { conversationId: c.conversationId, rule, card };
      });
  }

  const rulesTo = (list: Delivered[], place: { channelId: string }) => list.filter((d) => d.conversationId === place.channelId).map((d) => d.rule).sort();
  const postsTo = (place: { channelId: string }) => bot.connector.calls.filter((c) => c.method === 'POST' && c.conversationId === place.channelId);

  beforeEach(async () => {
    store = new ReminderStore(bot.app.tables.reminders);
    // Östersund adds its own activity on 1 September; the county's Bilaga 1 stands as seeded (1 December 2023).
    clock.set('2026-09-01T10:00:00Z');
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    await bot.teams.say(ostersund, 'koppla Östersund');
    await bot.app.localActivities.createOwn(
      'ostersund',
      { strategyId: 's1', title: 'Brukarråd i varje hälsocentral', period: { from: 2026, to: 2027 }, measure: '', target: '' },
      { id: ANNA.aadObjectId, name: ANNA.name },
    );
    bot.connector.reset();
    refused.clear();
  });

  it('lists on 25 November the revision, the yearly follow-up and the stale digests, and delivers each exactly once in the channels\' hour', async () => {
    const dry = await sweepAt('2026-11-24T23:00:00.000Z', { dryRun: true }); // 25 November 00:00 in Stockholm
    const listed = dry.items.map((i) => `${i.channelName} ${i.key.rule} ${i.outcome} ${i.sendsAt}`).sort();
    assert.deepEqual(listed, [
      'Länsgemensam samverkan revision waitingForHour 2026-11-30T08:00:00.000Z',
      'Länsgemensam samverkan stale waitingForHour 2026-11-30T08:00:00.000Z',
      'Länsgemensam samverkan yearlyFollowUp waitingForHour 2026-11-30T08:00:00.000Z',
      'Östersund stale waitingForHour 2026-11-30T08:00:00.000Z',
    ]);
    assert.match(dry.items.find((i) => i.key.rule === 'revision')!.reason, /Revidering av planen sker var tredje år/);
    assert.equal(bot.connector.calls.length, 0, 'a dry run sends nothing');
    assert.deepEqual(await store.forChannel(county.channelId), [], 'a dry run claims nothing');

    const report = await sweepAt(MONDAY);
    assert.equal(report.items.filter((i) => i.outcome === 'sent').length, 4);
    const cards = delivered();
    assert.deepEqual(rulesTo(cards, county), ['revision', 'stale', 'yearlyFollowUp']);
    assert.deepEqual(rulesTo(cards, ostersund), ['stale']);
    // Three reminders due in the county channel the same day: one post, a digest of three parts.
    assert.equal(postsTo(county).length, 1);
    const post = (postsTo(county)[0]!.body.attachments as Array<{ content: Card }>)[0]!.content;
    assert.match(cardText(post), /^1\.5\n3 påminnelser om uppföljning för länsgemensam samverkan/);
    assert.deepEqual(buttons(post).filter((b) => b.verb === 'command').map((b) => b.title), ['Visa aktiviteter', 'Påminnelser', 'Status'], 'the shared buttons once');
    for (const r of await store.forChannel(county.channelId)) assert.equal(r.state, 'sent');
    assert.equal(new Set((await store.forChannel(county.channelId)).map((r) => r.activityId)).size, 1, 'every part remembers the one post');

    await sweepAt('2026-11-30T08:45:00.000Z');
    await sweepAt('2026-12-07T08:15:00.000Z');
    const again = delivered().filter((d) => d.rule !== 'periodEnding' && d.rule !== 'measureReporting');
    assert.equal(again.length, 4, 'nothing is sent twice');
  });

  it('says what each card is about, in the plan\'s words, with the way to act on it', async () => {
    await sweepAt(MONDAY);
    const cards = delivered();
    const byRule = (rule: ReminderRuleId, place = county) => cards.find((d) => d.rule === rule && d.conversationId === place.channelId)!.card;

    const revision = cardText(byRule('revision'));
    assert.match(revision, /Planen ska revideras 1 december 2026/);
    // Says its thing once, with dates the Swedish way and the tenses right.
    assert.match(revision, /"Revidering av planen sker var tredje år\." Planen trädde i kraft 1 december 2023\. Nästa revidering efter den blir 1 december 2029\./);
    assert.equal(revision.match(/revideras|Revidering/g)?.length, 2);

    const followUp = byRule('yearlyFollowUp');
    assert.match(cardText(followUp), /Årlig uppföljning av planen 1 december 2026/);
    for (const s of content.strategies) assert.match(cardText(followUp), new RegExp(`${s.number}\\. ${s.title}`));
    assert.ok(JSON.stringify(followUp).includes(`${bot.app.url}/tab/index.html?view=oversikt`), 'links to the tab\'s follow-up view');

    const digest = byRule('stale');
    assert.match(cardText(digest), /delaktiviteter i länsgemensam samverkan har inte uppdaterats på minst 60 dagar/);
    assert.match(cardText(digest), /Oförändrad sedan 1 december 2023/);
    // Sharing its post with two other reminders, the stale part shows five, each with its inline update form.
    assert.equal(buttons(digest).filter((b) => b.title === 'Spara' && b.verb === 'saveFromDigest').length, 5, 'a short page of sub-activities, each with its inline update form');
    assert.match(cardText(digest), /… och \d+ till/);
    assert.ok(JSON.stringify(digest).length < 28_000);

    const local = byRule('stale', ostersund);
    assert.match(cardText(local), /1 delaktivitet i Östersund har inte uppdaterats/);
    assert.match(cardText(local), /Brukarråd i varje hälsocentral/);
  });

  it('opens the full form from the digest like from the bot\'s own list, saves it with history and leads back to the post', async () => {
    await sweepAt(MONDAY);
    const digest = delivered().find((d) => d.rule === 'stale' && d.conversationId === county.channelId)!.card;
    const first = buttons(digest).find((b) => b.title === 'Hela formuläret')!;
    assert.equal(first.verb, 'editSubActivity');
    assert.deepEqual(Object.keys(first.data).sort(), ['from', 'scopeId', 'subActivityId']);
    // Where it was opened from: the post, with its parts, so that Spara and Avbryt can show it again.
    const from = first.data.from as { card: string; digest: string };
    assert.equal(from.card, 'digest');
    assert.deepEqual((JSON.parse(from.digest) as string[][]).map(([rule]) => rule).sort(), ['revision', 'stale', 'yearlyFollowUp']);

    // The bot's own list offers the same button for the same sub-activity, leading back to the list.
    const strategy = content.strategies.find((s) => s.activities.some((a) => a.subActivities.some((d) => d.id === first.data.subActivityId)))!;
    const list = (await bot.teams.say(county, `aktiviteter ${strategy.number}`)).cards[0]!;
    const fromList = buttons(list).find((b) => b.data.subActivityId === first.data.subActivityId)!;
    assert.deepEqual([fromList.verb, fromList.data.scopeId, fromList.data.subActivityId], [first.verb, first.data.scopeId, first.data.subActivityId]);
    assert.equal((fromList.data.from as { card: string }).card, 'list');

    const before = await bot.app.activities.getSubActivity('lan', String(first.data.subActivityId));
    const form = await bot.teams.click(county, digest, 'Hela formuläret');
    assert.ok(buttons(form).some((b) => b.title === 'Spara'), 'the edit form opens in place of the card');
    const status = before!.state.status === 'pagar' ? 'klar' : 'pagar';
    clock.set('2026-11-30T08:20:00Z');
    const saved = await bot.teams.click(county, form, 'Spara', { status, statusNote: 'Arbetet har kommit i gång', comment: 'Efter påminnelsen' });
    assert.match(cardText(saved), /Sparat av Anna Andersson: .* – (Pågår|Klar)\./);
    assert.match(cardText(saved), /3 påminnelser om uppföljning för länsgemensam samverkan/, 'the whole post again');
    assert.ok(!buttons(saved).some((b) => b.data.subActivityId === first.data.subActivityId), 'without the saved activity');

    const after = await bot.app.activities.getSubActivity('lan', String(first.data.subActivityId));
    assert.equal(after!.state.status, status);
    assert.equal(after!.state.updatedAt, '2026-11-30T08:20:00.000Z');
    const [entry] = await bot.app.activities.history('lan', String(first.data.subActivityId));
    assert.equal(entry!.comment, 'Efter påminnelsen');
    assert.deepEqual(entry!.changes.map((c) => c.field), ['status', 'statusNote']);
    assert.equal(entry!.actor.name, 'Anna Andersson');
  });

  it('saves an activity inline in the digest and shows the digest again without it', async () => {
    await sweepAt(MONDAY);
    const digest = delivered().find((d) => d.rule === 'stale' && d.conversationId === county.channelId)!.card;
    const forms = buttons(digest).filter((b) => b.verb === 'saveFromDigest');
    const first = forms[0]!;
    const id = String(first.data.subActivityId);
    // Teams sends every input on the card with the click: each item's status and comment.
    const inputs: Record<string, unknown> = {};
    JSON.stringify(digest, (_k, v: { type?: string; id?: string; value?: unknown }) => {
      if (v && typeof v === 'object' && typeof v.type === 'string' && v.type.startsWith('Input.') && v.id) inputs[v.id] = v.value ?? '';
      return v;
    });
    assert.ok(`status-${id}` in inputs && `comment-${id}` in inputs);
    clock.set('2026-11-30T08:25:00Z');
    const after = await bot.teams.execute(county, first.verb, { ...inputs, [`status-${id}`]: 'klar', [`comment-${id}`]: 'Klar efter påminnelsen', ...first.data });
    assert.match(cardText(after), /Sparat av Anna Andersson: .* – Klar\./);
    assert.ok(!buttons(after).some((b) => b.data.subActivityId === id), 'the saved activity has left the digest');
    assert.equal(buttons(after).filter((b) => b.verb === 'saveFromDigest').length, 5, 'the next one moved up');
    // The post's other parts come back with it: the saver keeps the whole post, not the stale part alone.
    assert.match(cardText(after), /Planen ska revideras 1 december 2026/);
    assert.match(cardText(after), /Årlig uppföljning av planen 1 december 2026/);
    const stored = await bot.app.activities.getSubActivity('lan', id);
    assert.equal(stored!.state.status, 'klar');
    assert.equal((await bot.app.activities.history('lan', id))[0]!.comment, 'Klar efter påminnelsen');

    // The same form again is out of date: the person gets the current state, nothing is overwritten.
    const stale = await bot.teams.execute(county, first.verb, { ...inputs, [`status-${id}`]: 'avbruten', ...first.data });
    assert.match(cardText(stale), /Någon annan hann spara innan dig/);
    assert.equal((await bot.app.activities.getSubActivity('lan', id))!.state.status, 'klar');
    // An input that is not this item's is ignored: it never reaches the store.
    const other = forms[1]!;
    await bot.teams.execute(county, other.verb, { ...other.data, "status-x' or '1'='1": 'klar', [`status-${String(other.data.subActivityId)}`]: 'pagar' });
    const untouched = await bot.app.activities.getSubActivity('lan', String(other.data.subActivityId));
    assert.notEqual(untouched!.state.status, 'klar');
  });

  it('fires each rule when it is due and not a week before, on the channel\'s weekday and hour only', async () => {
    const mondays = ['2026-09-28', '2026-10-05', '2026-11-02', '2026-11-30', '2026-12-07'];
    const news: Record<string, { county: string[]; ostersund: string[] }> = {};
    for (const day of mondays) {
      const before = bot.connector.calls.length;
      await sweepAt(parseAt(`${day}T09:15`).toISOString()); // 09:15 in Stockholm, summer or winter time
      const fresh = delivered(bot.connector.calls.slice(before));
      news[day] = { county: rulesTo(fresh, county), ostersund: rulesTo(fresh, ostersund) };
    }
    const ending = content.strategies.flatMap((s) => s.activities).filter((a) => a.period.to === 2026 && a.subActivities.some((d) => d.status !== 'klar' && d.status !== 'avbruten'));
    assert.deepEqual(news, {
      // Bilaga 1 untouched since 1 December 2023; Östersund's activity is 27 days old.
      '2026-09-28': { county: ['stale'], ostersund: [] },
      // 57 days before the revision date (60 days ahead).
      '2026-10-05': { county: ['revision'], ostersund: [] },
      // 29 days before the yearly follow-up (30 days ahead); Östersund's activity is 62 days old.
      '2026-11-02': { county: ['yearlyFollowUp'], ostersund: ['stale'] },
      // 63 days after the county's last digest: the next one.
      '2026-11-30': { county: ['stale'], ostersund: [] },
      // 24 days before the year ends: priority periods 2025–2026. The measures are not asked for
      // before a period has ended (their figures come after it).
      '2026-12-07': { county: ending.map(() => 'periodEnding'), ostersund: [] },
    });
    assert.ok(STALE_AFTER_DAYS === 60);

    // Outside Monday 09:00–10:00 (Stockholm) nothing goes out, even when something is due: the
    // measures of the year 2026 are due from 14 February 2027, 45 days after it ended.
    await bot.teams.say(krokom, 'koppla Krokom');
    await sweepAt('2027-02-08T08:15:00.000Z'); // whatever else is due by then
    const before = bot.connector.calls.length;
    for (const at of ['2027-02-15T07:59:00.000Z', '2027-02-15T09:00:00.000Z', '2027-02-17T08:15:00.000Z', '2027-02-13T08:15:00.000Z']) await sweepAt(at);
    assert.equal(bot.connector.calls.length, before);
    await sweepAt('2027-02-15T08:00:00.000Z');
    const fresh = delivered(bot.connector.calls.slice(before));
    assert.deepEqual(rulesTo(fresh, county), ['measureReporting'], 'to the county, which reports every measure');
    assert.deepEqual([rulesTo(fresh, ostersund), rulesTo(fresh, krokom)], [[], []], 'never to an arena');
  });

  it('follows each channel\'s own settings: its weekday and hour, and off means off', async () => {
    const lan = (await bot.app.channels.get(county.channelId))!;
    await bot.app.channels.setReminders(county.channelId, { enabled: true, weekday: 3, hour: 14, rules: ['revision', 'yearlyFollowUp'] }, lan.etag);
    const ost = (await bot.app.channels.get(ostersund.channelId))!;
    await bot.app.channels.setReminders(ostersund.channelId, { enabled: false, weekday: 1, hour: 9, rules: ['stale'] }, ost.etag);

    const monday = await sweepAt(MONDAY);
    assert.equal(bot.connector.calls.length, 0);
    assert.deepEqual(monday.skipped.map((s) => `${s.channelName} ${s.why}`).sort(), ['Länsgemensam samverkan outsideHour', 'Östersund disabled']);

    await sweepAt(parseAt('2026-11-25T14:10').toISOString()); // Wednesday 14:10 in Stockholm
    assert.deepEqual(rulesTo(delivered(), county), ['revision', 'yearlyFollowUp']);
    assert.deepEqual(rulesTo(delivered(), ostersund), []);
  });

  it('sends each reminder once when two instances sweep at the same moment', async () => {
    clock.set(MONDAY);
    const reports = await Promise.all([instance().run({ at: new Date(MONDAY) }), instance().run({ at: new Date(MONDAY) }), instance().run({ at: new Date(MONDAY) })]);
    const cards = delivered();
    assert.deepEqual(rulesTo(cards, county), ['revision', 'stale', 'yearlyFollowUp']);
    assert.deepEqual(rulesTo(cards, ostersund), ['stale']);
    assert.equal(reports.flatMap((r) => r.items).filter((i) => i.outcome === 'sent').length, 4);
  });

  it('remembers what it sent across a restart of the app', async () => {
    await sweepAt(MONDAY);
    assert.equal(delivered().length, 4);
    await bot.restart();
    store = new ReminderStore(bot.app.tables.reminders);
    await sweepAt('2026-11-30T08:45:00.000Z');
    assert.equal(delivered().length, 4);
  });

  it('takes over a reminder whose sender crashed once its claim has run out, and sends it once', async () => {
    clock.set(MONDAY);
    const dry = await instance().run({ at: new Date(MONDAY), dryRun: true });
    const revision = dry.items.find((i) => i.key.rule === 'revision')!;
    // An instance claimed it at 09:15 and died before sending.
    const crashed = await store.claim({ ...revision.key, arenaId: 'lan', reason: revision.reason, owner: 'crashed-instance' }, new Date(MONDAY));
    assert.equal(crashed.kind, 'claimed');

    await sweepAt('2026-11-30T08:20:00.000Z');
    assert.deepEqual(rulesTo(delivered(), county), ['stale', 'yearlyFollowUp'], 'the claim is held for its lease');
    assert.equal((await store.problems(clock.now())).length, 0);

    // 10 minutes later the lease has run out: an operator sees it, and the next sweep sends it.
    clock.set('2026-11-30T08:26:00.000Z');
    assert.deepEqual((await store.problems(clock.now())).map((p) => `${p.rule} ${p.state} ${p.claimedBy}`), ['revision claimed crashed-instance']);
    await sweepAt('2026-11-30T08:30:00.000Z');
    await sweepAt('2026-11-30T08:45:00.000Z');
    assert.deepEqual(rulesTo(delivered(), county), ['revision', 'stale', 'yearlyFollowUp']);
    const row = await store.get(revision.key);
    assert.equal(row?.state, 'sent');
    assert.equal(row?.attempts, 2);
  });

  it('waits as long as a 429\'s Retry-After says and then sends the card', async () => {
    const times: number[] = [];
    bot.connector.override = (call) => {
      if (call.method !== 'POST' || call.conversationId !== county.channelId) return undefined;
      times.push(Date.now());
      return times.length === 1 ? refuse(call, { status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'TooManyRequests' } } }) : undefined;
    };
    await sweepAt(MONDAY);
    assert.deepEqual(rulesTo(delivered(), county), ['revision', 'stale', 'yearlyFollowUp']);
    assert.equal(postsTo(county).length, 2, 'one refused, then the digest of three delivered');
    assert.ok(times[1]! - times[0]! >= 990, `waited ${times[1]! - times[0]!} ms`);
    for (const r of await store.forChannel(county.channelId)) assert.equal(r.state, 'sent');
  });

  it('backs off from 503s, keeps the reminder for a later sweep and then sends it once', async () => {
    let failing = true;
    bot.connector.override = (call) => (failing && call.method === 'POST' && call.conversationId === county.channelId ? refuse(call, { status: 503, body: {} }) : undefined);
    const first = await sweepAt(MONDAY);
    const failed = first.items.filter((i) => i.outcome === 'failed');
    assert.equal(failed.length, 3, 'the three parts of the one digest');
    assert.equal(postsTo(county).length, 4, 'tried four times with backoff, then left for later');
    const row = await store.get(failed[0]!.key);
    assert.equal(row?.state, 'failed-transient');
    assert.equal(row?.nextAttemptAt, '2026-11-30T08:30:00.000Z');
    assert.deepEqual((await store.problems(clock.now())).map((p) => p.state), ['failed-transient', 'failed-transient', 'failed-transient']);

    await sweepAt('2026-11-30T08:20:00.000Z');
    assert.equal(postsTo(county).length, 4, 'not before its next attempt');
    failing = false;
    await sweepAt('2026-11-30T08:30:00.000Z');
    assert.deepEqual(rulesTo(delivered(), county), ['revision', 'stale', 'yearlyFollowUp']);
    assert.equal((await store.get(failed[0]!.key))?.attempts, 2);
    assert.deepEqual(await store.problems(clock.now()), []);
  });

  // A gateway that stopped waiting (504), one that got no proper answer (502), a connection cut
  // after the request went out: the post may have happened, so it is never sent again by itself.
  for (const [answer, error] of [[504, 'http-504'], [502, 'http-502'], ['cut', '']] as const) {
    it(`posts once when the Bot Connector posts the card and then ${answer === 'cut' ? 'the connection is cut' : `answers ${answer}`}: possibly sent, for the operator`, async () => {
      // The stand-in takes the post (it is in the channel) and answers as a gateway that stopped waiting.
      bot.connector.override = (call) => (call.method === 'POST' && call.conversationId === county.channelId ? (answer === 'cut' ? 'cut' : { status: answer, body: {} }) : undefined);
      const first = await sweepAt(MONDAY);
      assert.deepEqual(first.items.filter((i) => i.key.channelId === county.channelId).map((i) => `${i.key.rule} ${i.outcome}`).sort(), ['revision unconfirmed', 'stale unconfirmed', 'yearlyFollowUp unconfirmed']);
      bot.connector.override = undefined;
      for (const at of ['2026-11-30T08:30:00.000Z', '2026-11-30T08:45:00.000Z', '2026-11-30T09:45:00.000Z']) await sweepAt(at);
      assert.equal(postsTo(county).length, 1, 'exactly one post');
      const problems = (await store.problems(clock.now())).map((p) => `${p.rule} ${p.state} ${p.lastError}`).sort();
      if (error) assert.deepEqual(problems, ['revision unconfirmed http-504', 'stale unconfirmed http-504', 'yearlyFollowUp unconfirmed http-504'].map((p) => p.replace('http-504', error)));
      else assert.deepEqual(problems.map((p) => p.split(' ').slice(0, 2).join(' ')), ['revision unconfirmed', 'stale unconfirmed', 'yearlyFollowUp unconfirmed']);
    });
  }

  it('marks a channel unreachable on 403, tells the operator, and does not try it again', async () => {
    bot.connector.override = (call) => (call.method === 'POST' && call.conversationId === ostersund.channelId ? refuse(call, { status: 403, body: { error: { code: 'BotNotInConversationRoster' } } }) : undefined);
    const report = await sweepAt(MONDAY);
    assert.equal(report.items.find((i) => i.channelName === 'Östersund')?.outcome, 'gone');
    assert.equal(postsTo(ostersund).length, 1);
    assert.equal((await bot.app.channels.get(ostersund.channelId))?.state, 'unreachable');
    assert.deepEqual(rulesTo(delivered(), county), ['revision', 'stale', 'yearlyFollowUp'], 'other channels are not held up');
    assert.deepEqual((await store.problems(clock.now())).map((p) => `${p.channelId} ${p.rule} ${p.state} ${p.lastError}`), [`${ostersund.channelId} stale failed-permanent gone`]);

    for (const at of ['2026-11-30T08:30:00.000Z', '2026-12-07T08:15:00.000Z', '2026-12-14T08:15:00.000Z']) await sweepAt(at);
    assert.equal(postsTo(ostersund).length, 1, 'never tried again while unreachable');
  });

  it('never sends a card twice when its sweep stops after posting it and before recording it', async () => {
    clock.set(MONDAY);
    // This sweep's process dies right after the Connector accepted its first card.
    const real = newSender();
    const dying: ProactiveSender = {
      send: async (reference, card, hooks) => {
        await real.send(reference, card, hooks);
        return new Promise(() => undefined);
      },
    };
    void instance(dying).run({ at: new Date(MONDAY) });
    await bot.connector.waitForCalls(1);
    // The first post: one channel's reminders of the day, as one digest.
    const first = delivered();
    assert.ok(first.length >= 1 && first.every((d) => d.conversationId === first[0]!.conversationId));

    // Its lease runs out; later sweeps send everything else, and that post not again.
    await sweepAt('2026-11-30T08:30:00.000Z');
    await sweepAt('2026-11-30T08:45:00.000Z');
    const all = delivered();
    for (const part of first) assert.equal(all.filter((d) => d.conversationId === part.conversationId && d.rule === part.rule).length, 1, `${part.rule} not sent twice`);
    assert.equal(all.length, 4, 'the others are sent once each');

    // The operator sees its parts as possibly sent, and can send them once more after checking the channel.
    const problems = await store.problems(clock.now());
    assert.deepEqual(problems.map((p) => `${p.rule} ${p.state}`).sort(), first.map((d) => `${d.rule} sending`).sort());
    for (const problem of problems) assert.equal(await store.release(problem, clock.now()), true);
    await sweepAt('2026-11-30T08:50:00.000Z');
    assert.equal(delivered().length, 4 + first.length);
    assert.deepEqual(await store.problems(clock.now()), []);
  });

  it('gives up waiting for a hanging Bot Connector: the send times out as possibly sent and is not sent again', async () => {
    bot.connector.override = (call) => (call.method === 'POST' && call.conversationId === county.channelId ? 'hang' : undefined);
    clock.set(MONDAY);
    const report = await instance(newSender({ sendTimeoutMs: 300 })).run({ at: new Date(MONDAY) });
    // The county's three reminders of the day went out as one post: all three possibly sent.
    const unconfirmed = report.items.filter((i) => i.outcome === 'unconfirmed');
    assert.deepEqual(unconfirmed.map((i) => i.key.rule).sort(), ['revision', 'stale', 'yearlyFollowUp']);
    assert.equal(postsTo(county).length, 1, 'the channel waits for the next sweep after no answer');
    bot.connector.override = undefined;
    bot.connector.release();
    await sweepAt('2026-11-30T08:45:00.000Z');
    assert.equal(postsTo(county).length, 1, 'the unanswered post is not sent again');
    assert.deepEqual((await store.problems(clock.now())).map((p) => `${p.rule} ${p.state} ${p.lastError}`).sort(), unconfirmed.map((i) => `${i.key.rule} unconfirmed timeout`).sort());
  });

  it('stops within its bound while a sweep waits for a hanging Bot Connector', async () => {
    bot.connector.override = (call) => (call.method === 'POST' ? 'hang' : undefined);
    clock.set(MONDAY);
    let running: Promise<unknown> | undefined;
    const sweep = instance(newSender());
    const warnings: string[] = [];
    const log = Object.assign(Object.create(bot.app.log) as typeof bot.app.log, { warn: (_o: unknown, msg?: string) => void warnings.push(msg ?? '') });
    const scheduler = new ReminderScheduler({ run: (o) => (running = sweep.run({ ...o, at: new Date(MONDAY) })) as ReturnType<ReminderSweep['run']> }, { log, pattern: '0 0 1 1 *', stopWaitMs: 200 });
    scheduler.start();
    scheduler.runNow();
    await bot.connector.waitForCalls(1);
    await scheduler.stop();
    assert.ok(warnings.some((w) => /Stopped without waiting longer for the reminder sweep/.test(w)));
    // The card on its way is marked sending: possibly sent once its lease runs out, never sent again by itself.
    const rows = await store.forChannel(bot.connector.calls[0]!.conversationId);
    const parts = partsOf((bot.connector.calls[0]!.body.attachments as Array<{ content: Card }>)[0]!.content).length;
    assert.deepEqual(rows.map((r) => r.state), Array(parts).fill('sending'), 'every part of the post on its way');
    bot.connector.override = undefined;
    bot.connector.release();
    await running;
    assert.equal(bot.connector.calls.length, 1, 'the stopped sweep started no further send');
  });

  it('sends a channel its due reminders when it comes back after a 403', async () => {
    bot.connector.override = (call) => (call.method === 'POST' && call.conversationId === ostersund.channelId ? refuse(call, { status: 403, body: { error: { code: 'BotNotInConversationRoster' } } }) : undefined);
    await sweepAt(MONDAY);
    assert.equal((await bot.app.channels.get(ostersund.channelId))?.state, 'unreachable');
    bot.connector.override = undefined;
    // The app is added to the team again, and someone writes in the channel.
    await bot.teams.say(ostersund, 'hjälp');
    assert.equal((await bot.app.channels.get(ostersund.channelId))?.state, 'active');
    bot.connector.reset();
    await sweepAt('2026-12-07T08:15:00.000Z');
    // The digest refused on 30 November (an arena is never asked for the measures: the county reports them).
    assert.deepEqual(rulesTo(delivered(), ostersund), ['stale']);
    await sweepAt('2026-12-07T08:30:00.000Z');
    assert.deepEqual(rulesTo(delivered(), ostersund), ['stale'], 'once');
  });

  it('runs the operator command: a dry run lists what would go to whom and why, a real run sends each once', async function () {
    this.timeout(60_000);
    const env = { ...process.env, TABLES_CONNECTION_STRING: azuriteConnectionString(), TABLE_PREFIX: tablePrefixOf(bot.app.tables.plan.tableName), LOG_LEVEL: 'silent' };
    const run = (args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../scripts/reminders.ts'), ...args], { env });

    const dry = (await run(['--at', '2026-11-25', '--dry-run'])).stdout;
    assert.match(dry, /DRY RUN/);
    assert.match(dry, /Due, waiting for the channel's delivery hour: 4/);
    assert.match(dry, /Länsgemensam samverkan \(arena Länsgemensam samverkan\)[\s\S]*revision \[revision\|[^\]]+\|2026-12-01\], to be sent måndag 30 november 2026 kl\. 09:00[\s\S]*Planen ska revideras 1 december 2026/);
    assert.match(dry, /yearlyFollowUp \[yearlyFollowUp\|[^\]]+\|2026-12-01\]/);
    assert.match(dry, /Östersund \(arena Östersund\)\n\s+- stale/);
    assert.equal(bot.connector.calls.length, 0);

    const real = (await run(['--at', '2026-11-30T09:15'])).stdout;
    assert.match(real, /Sent: 4/);
    const again = (await run(['--at', '2026-11-30T09:30'])).stdout;
    assert.match(again, /Sent: none/);
    // The revision and the follow-up are still due, and already sent; the digests are not due again for 60 days.
    assert.match(again, /Already sent or given up: 2\n[\s\S]*revision \[[^\]]+\]: sent/);
    assert.equal(delivered().length, 4);
    assert.match(again, /Failed reminders: none\n\nPossibly sent \(not sent again by itself\): none\n\nBeing posted, or their sweep stopped while posting \(possibly sent\): none\n\nUnreachable channels: none/);
  });
});

function tablePrefixOf(planTableName: string): string {
  return planTableName.slice(0, -'plan'.length);
}
