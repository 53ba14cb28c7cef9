// "påminnelser": reading and changing a channel's reminder settings, end to end.
import assert from 'node:assert/strict';
import { useBot } from '../helpers/botHarness';
import { BENGT, buttons, cardText, channel, type Card } from '../helpers/teamsClient';

const ostersund = channel('Östersund');
const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');

/** The values of a card's inputs, as Teams sends them with a button: what the person sees filled in. */
function formValues(card: Card): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') values[o.id] = String(o.value ?? '');
      Object.values(o).forEach(walk);
    }
  };
  walk(card.body);
  return values;
}

/** The rule switches on a form, with whether each is on. */
function ruleSwitches(card: Card): Record<string, boolean> {
  return Object.fromEntries(Object.entries(formValues(card)).filter(([id]) => id.startsWith('rule_')).map(([id, v]) => [id.slice(5), v === 'true']));
}

describe('the channel\'s reminder settings', () => {
  const bot = useBot();

  async function open(place = ostersund, as = undefined as typeof BENGT | undefined): Promise<Card> {
    const reply = await bot.teams.say(place, 'påminnelser', as);
    assert.equal(reply.cards.length, 1);
    return reply.cards[0]!;
  }

  /** The stored settings the person chose (what the form offered then is checked on its own). */
  async function stored(place = ostersund) {
    const settings = (await bot.app.channels.get(place.channelId))?.reminders;
    if (!settings) return settings;
    const { offered: _offered, ...chosen } = settings;
    return chosen;
  }

  beforeEach(async () => {
    await bot.teams.say(ostersund, 'koppla Östersund');
  });

  it('shows a newly linked arena channel the defaults: on, Mondays at 09:00, the arena\'s three reminders (not the effect measures, which the county reports)', async () => {
    const card = await open();
    const text = cardText(card);
    assert.match(text, /Påminnelser i kanalen/);
    assert.match(text, /Kanalen följer upp Östersund\./);
    const values = formValues(card);
    assert.equal(values.enabled, 'true');
    assert.equal(values.weekday, '1');
    assert.equal(values.hour, '9');
    assert.deepEqual(ruleSwitches(card), { stale: true, periodEnding: true, roundLastDay: true });
    assert.match(text, /Aktiviteter som inte har uppdaterats/);
    assert.match(text, /inte har uppdaterats på 60 dagar/);
    assert.match(text, /Prioriteringsperioden går ut/);
    assert.doesNotMatch(text, /Rapportera effektmåtten/, 'the plan has the county report every measure');
    assert.doesNotMatch(text, /Revidering av planen|Årlig uppföljning/);
    assert.deepEqual(buttons(card).map((b) => b.title), ['Spara']);
    assert.equal(await stored(), undefined, 'showing the defaults stores nothing');
  });

  it('offers Monday to Friday and the working hours 07:00 to 17:00, in Swedish', async () => {
    const json = JSON.stringify(await open());
    for (const day of ['Måndag', 'Tisdag', 'Onsdag', 'Torsdag', 'Fredag']) assert.ok(json.includes(`"title":"${day}"`), day);
    // Reminders never go out on weekends, so the form does not offer them.
    for (const day of ['Lördag', 'Söndag']) assert.ok(!json.includes(`"title":"${day}"`), day);
    for (const hour of ['07:00', '09:00', '17:00']) assert.ok(json.includes(`"title":"${hour}"`), hour);
    for (const hour of ['06:00', '18:00', '23:00']) assert.ok(!json.includes(`"title":"${hour}"`), hour);
  });

  it('shows the county channel the yearly follow-up and the revision as well', async () => {
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    const card = await open(county);
    assert.deepEqual(ruleSwitches(card), { stale: true, periodEnding: true, measureReporting: true, yearlyFollowUp: true, revision: true });
    const text = cardText(card);
    assert.match(text, /Årlig uppföljning av planen/);
    assert.match(text, /följs upp årligen i länsgemensam samverkan/);
    assert.match(text, /Revidering av planen/);
    assert.match(text, /var tredje år/);
  });

  it('saves a change, shows who saved what, and keeps it across a restart', async () => {
    const form = await open();
    const saved = await bot.teams.click(ostersund, form, 'Spara', { ...formValues(form), enabled: 'true', weekday: '3', hour: '14', rule_periodEnding: 'false' });
    const text = cardText(saved);
    assert.match(text, /Påminnelserna är sparade av Anna Andersson\./);
    assert.match(text, /Varje onsdag/);
    assert.match(text, /Kl\. 14:00 \(svensk tid\)/);
    assert.match(text, /Aktiviteter som inte har uppdaterats/);
    assert.match(text, /Sista dag i årets uppföljning/);
    assert.doesNotMatch(text, /Prioriteringsperioden går ut|Rapportera effektmåtten/);
    assert.deepEqual(buttons(saved).map((b) => b.title), ['Ändra']);
    assert.equal(formValues(saved).enabled, undefined, 'the result is read-only');

    const expected = { enabled: true, weekday: 3, hour: 14, rules: ['stale', 'roundLastDay'] };
    // What the form offered is kept, so that a rule added to the app later is on for this channel.
    assert.deepEqual((await bot.app.channels.get(ostersund.channelId))?.reminders?.offered, ['stale', 'periodEnding', 'roundLastDay']);
    assert.deepEqual(await stored(), expected);
    await bot.restart();
    assert.deepEqual(await stored(), expected);
    const again = await open();
    assert.deepEqual(formValues(again), { enabled: 'true', weekday: '3', hour: '14', rule_stale: 'true', rule_periodEnding: 'false', rule_roundLastDay: 'true' });
  });

  it('turns reminders off while keeping the day, hour and rules chosen', async () => {
    const form = await open();
    const saved = await bot.teams.click(ostersund, form, 'Spara', { ...formValues(form), enabled: 'false' });
    assert.match(cardText(saved), /Av: inga påminnelser skickas till kanalen/);
    assert.deepEqual(await stored(), { enabled: false, weekday: 1, hour: 9, rules: ['stale', 'periodEnding', 'roundLastDay'] });
  });

  it('reopens the form from the saved card with Ändra', async () => {
    const form = await open();
    const saved = await bot.teams.click(ostersund, form, 'Spara', { ...formValues(form), hour: '8' });
    const reopened = await bot.teams.click(ostersund, saved, 'Ändra');
    assert.equal(formValues(reopened).hour, '8');
    assert.deepEqual(buttons(reopened).map((b) => b.title), ['Spara']);
  });

  it('lets the county channel keep the revision reminder and drop the yearly follow-up', async () => {
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    const form = await open(county);
    await bot.teams.click(county, form, 'Spara', { ...formValues(form), rule_yearlyFollowUp: 'false' });
    assert.deepEqual(await stored(county), { enabled: true, weekday: 1, hour: 9, rules: ['stale', 'periodEnding', 'measureReporting', 'revision'] });
  });

  it('refuses a stale card with the settings that hold now, and names the change that was not saved', async () => {
    const anna = await open();
    const bengt = await open(ostersund, BENGT);
    await bot.teams.click(ostersund, bengt, 'Spara', { ...formValues(bengt), weekday: '5' }, BENGT);

    const refused = await bot.teams.click(ostersund, anna, 'Spara', { ...formValues(anna), hour: '16' });
    const text = cardText(refused);
    assert.match(text, /Någon annan ändrade påminnelserna medan du hade kortet öppet/);
    assert.match(text, /Din ändring: på, varje måndag kl\. 16:00/);
    assert.equal(formValues(refused).weekday, '5', 'the form shows the settings that hold now');
    assert.equal(formValues(refused).hour, '9');
    assert.deepEqual(await stored(), { enabled: true, weekday: 5, hour: 9, rules: ['stale', 'periodEnding', 'roundLastDay'] });

    // The refused card carries the current version: Anna can make her change again.
    const saved = await bot.teams.click(ostersund, refused, 'Spara', { ...formValues(refused), hour: '16' });
    assert.match(cardText(saved), /sparade av Anna Andersson/);
    assert.deepEqual(await stored(), { enabled: true, weekday: 5, hour: 16, rules: ['stale', 'periodEnding', 'roundLastDay'] });
  });

  it('refuses a card from before the channel was re-linked', async () => {
    const form = await open();
    const ask = await bot.teams.say(ostersund, 'koppla Krokom');
    await bot.teams.click(ostersund, ask.cards[0]!, /Ja, koppla till Krokom/);
    const refused = await bot.teams.click(ostersund, form, 'Spara', formValues(form));
    assert.match(cardText(refused), /Någon annan ändrade påminnelserna/);
    assert.match(cardText(refused), /Kanalen följer upp Krokom\./);
    assert.equal(await stored(), undefined);
  });

  for (const [name, change, message] of [
    ['weekday 8', { weekday: '8' }, /Veckodagen ska vara en av måndag till fredag/],
    ['a Saturday, when reminders never go out', { weekday: '6' }, /Veckodagen ska vara en av måndag till fredag/],
    ['an hour outside working hours', { hour: '23' }, /mellan 07:00 och 17:00/],
    ['an unknown rule', { rule_weekly: 'true' }, /ingen påminnelse som heter "weekly"/],
    ['a county-only rule in an arena channel', { rule_revision: 'true' }, /"Revidering av planen" gäller bara kanalen för länsgemensam samverkan/],
    ['a tampered version', { etag: "W/\"datetime'x'\" or 1=1" }, /version jag inte känner igen/],
    ['a version that is not text', { etag: 42 }, /version jag inte känner igen|saknar sin version/],
    ['a missing on/off', { enabled: undefined }, /Påminnelser: välj på eller av/],
  ] as const) {
    it(`refuses ${name} with an error card and changes nothing`, async () => {
      const form = await open();
      const before = await bot.app.channels.get(ostersund.channelId);
      const inputs: Record<string, unknown> = { ...formValues(form), ...buttons(form)[0]!.data, ...change };
      const card = await bot.teams.execute(ostersund, 'saveReminders', inputs);
      const text = cardText(card);
      assert.match(text, /Påminnelserna sparades inte/);
      assert.match(text, message);
      assert.deepEqual(buttons(card).map((b) => b.title), ['Visa påminnelserna']);
      const after = await bot.app.channels.get(ostersund.channelId);
      assert.equal(after?.etag, before?.etag, 'the channel row is untouched');
      assert.equal(after?.reminders, undefined);
    });
  }

  it('refuses a well-formed version that is not the channel\'s own as out of date, and changes nothing', async () => {
    const form = await open();
    const forged = `W/"datetime'2020-01-01T00%3A00%3A00.0000000Z'"`;
    const card = await bot.teams.execute(ostersund, 'saveReminders', { ...formValues(form), hour: '10', etag: forged });
    assert.match(cardText(card), /Någon annan ändrade påminnelserna/);
    assert.equal(await stored(), undefined);
  });

  it('tells personal chat that reminders are set per channel', async () => {
    const choose = await bot.teams.sayPersonally('koppla Östersund');
    assert.match(cardText(choose.cards[0]), /Du följer nu Östersund/);
    const reply = await bot.teams.sayPersonally('påminnelser');
    const text = cardText(reply.cards[0]);
    assert.match(text, /Påminnelser ställs in per kanal/);
    assert.match(text, /Skriv "påminnelser" till mig i Östersunds kanal/);
    assert.equal(formValues(reply.cards[0]!).enabled, undefined, 'no form in personal chat');

    const card = await bot.teams.execute('personal', 'saveReminders', { etag: `W/"datetime'x'"`, enabled: 'false', weekday: '1', hour: '9' });
    assert.match(cardText(card), /Påminnelser ställs in per kanal/);
    assert.equal(await stored(), undefined);
  });

  it('answers the English alias too', async () => {
    const reply = await bot.teams.say(ostersund, 'reminders');
    assert.match(cardText(reply.cards[0]), /Påminnelser i kanalen/);
  });
});
