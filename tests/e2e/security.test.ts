// Who may change what, against the ways around it a reviewer found: linking as a way in, a team of
// one's own, and rights that outlive a person's part in an arena.
import assert from 'node:assert/strict';
import { loadConfig } from '../../bot/config';
import { MEMBERSHIP_DAYS } from '../../bot/storage/channelStore';
import { useBot } from '../helpers/botHarness';
import { TestClock } from '../helpers/clock';
import { PLAN_TEAM } from '../helpers/teamsActivity';
import { ANNA, BENGT, buttons, cardText, channel, type Card } from '../helpers/teamsClient';

const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const berg = channel('Berg');
const SUB = 's1-a2-d1'; // Kartlägga behovet

describe('who may change the plan', () => {
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00Z');
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    await bot.teams.say(berg, 'koppla Berg', BENGT);
  });

  async function status(): Promise<string> {
    return (await bot.app.activities.getSubActivity('lan', SUB))!.state.status;
  }

  /** Bengt in personal chat, following the county, tries to set the sub-activity to avbruten. */
  async function tryFromPersonalChat(): Promise<Card> {
    await bot.teams.sayPersonally('koppla Länsgemensam samverkan', BENGT);
    const list = (await bot.teams.sayPersonally('aktiviteter 1', BENGT)).cards[0]!;
    // A list where Bengt may not change shows no Uppdatera: the request is then made by hand, as from an old card.
    const edit = buttons(list).find((b) => b.verb === 'editSubActivity' && b.data.subActivityId === SUB) ?? { verb: 'editSubActivity', data: { scopeId: 'lan', subActivityId: SUB } };
    const form = await bot.teams.execute('personal', edit.verb, edit.data, BENGT);
    if (!buttons(form).some((b) => b.title === 'Spara')) return form;
    return bot.teams.click('personal', form, 'Spara', { status: 'avbruten' }, BENGT);
  }

  it('does not let someone become a member of an arena by asking to re-link a channel', async () => {
    // Bengt is no project leader (Anna linked the team's first channel): he is refused at once.
    const ask = await bot.teams.say(berg, 'koppla Länsgemensam samverkan', BENGT);
    assert.match(cardText(ask.cards[0]), /Det är planens projektledare som kopplar om kanaler/);
    const refused = await tryFromPersonalChat();
    assert.match(cardText(refused), /Det här får du inte ändra här/);
    assert.equal(await status(), 'ej_paborjat');
    assert.equal(await bot.app.channels.isMember('lan', BENGT.aadObjectId), false);
  });

  it('refuses to link or change anything from a team that is not the plan team', async () => {
    const elsewhere = { ...channel('Bengts eget team'), teamId: '19:bengts-own-team@thread.tacv2', teamName: 'Bengts team' };
    const link = await bot.teams.say(elsewhere, 'koppla Länsgemensam samverkan', BENGT);
    assert.match(cardText(link.cards[0]), /Det här är inte planens team/);
    assert.equal((await bot.app.channels.get(elsewhere.channelId))?.arenaId, undefined);
    const save = await bot.teams.execute(elsewhere, 'saveSubActivity', { scopeId: 'lan', subActivityId: SUB, etag: '*', version: 0, status: 'klar' }, BENGT);
    assert.match(cardText(save), /Det här är inte planens team/);
    assert.equal(await status(), 'ej_paborjat');
    assert.equal(await bot.app.channels.isMember('lan', BENGT.aadObjectId), false);
    assert.equal(await bot.app.channels.planTeam(), PLAN_TEAM.teamId);
  });

  it('lets a member change from personal chat, until they have been away for longer than the membership lasts', async () => {
    await bot.teams.say(county, 'hjälp', BENGT); // Bengt takes part in the county channel
    assert.match(cardText(await tryFromPersonalChat()), /Sparat av Bengt Berg/);
    clock.advance((MEMBERSHIP_DAYS + 1) * 86_400_000);
    const later = await bot.teams.sayPersonally('aktiviteter 1', BENGT);
    // The list no longer offers Uppdatera, and the form from an older card is refused.
    assert.ok(!buttons(later.cards[0]!).some((b) => b.verb === 'editSubActivity'));
    assert.match(cardText(await bot.teams.execute('personal', 'editSubActivity', { scopeId: 'lan', subActivityId: SUB }, BENGT)), /Det här får du inte ändra här/);
  });

  it('takes the right away from someone who leaves the team', async () => {
    await bot.teams.say(county, 'hjälp', BENGT);
    assert.equal(await bot.app.channels.isMember('lan', BENGT.aadObjectId), true);
    await bot.teams.membersRemoved([{ id: BENGT.id, aadObjectId: BENGT.aadObjectId }]);
    assert.equal(await bot.app.channels.isMember('lan', BENGT.aadObjectId), false);
    assert.match(cardText(await tryFromPersonalChat()), /Det här får du inte ändra här/);
  });

  it('takes a channel back into use when people write in it after it was marked unreachable', async () => {
    await bot.app.channels.setState(county.channelId, 'unreachable');
    await bot.teams.say(county, 'status');
    const stored = await bot.app.channels.get(county.channelId);
    assert.equal(stored?.state, 'active');
    assert.equal(stored?.arenaId, 'lan');
  });
});

describe("the tab's development mode", () => {
  it('is on for the embedded defaults and Azurite on this machine, and off for a store elsewhere', () => {
    assert.equal(loadConfig({}).tab.devMode, true);
    assert.equal(loadConfig({ TABLES_CONNECTION_STRING: 'DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/a;' }).tab.devMode, true);
    // A store elsewhere needs BOT_ID (config.test.ts), and never gets the development mode.
    const bot = { BOT_ID: 'app', BOT_PASSWORD: 'p' };
    assert.equal(loadConfig({ ...bot, TABLES_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=a2V5;EndpointSuffix=core.windows.net' }).tab.devMode, false);
    assert.throws(() => loadConfig({ ...bot, TAB_DEV_MODE: 'true', TABLES_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=a2V5;EndpointSuffix=core.windows.net' }), /TAB_DEV_MODE/);
  });
});

describe('linking when the project leaders are named', () => {
  const bot = useBot({ PROJECT_LEADER_IDS: 'aad-anna' });

  it('lets only a project leader link or re-link a channel, and refuses others with nothing changed', async () => {
    const refused = await bot.teams.say(berg, 'koppla Berg', BENGT);
    assert.match(cardText(refused.cards[0]), /Det är planens projektledare som kopplar kanaler/);
    assert.equal((await bot.app.channels.get(berg.channelId))?.arenaId, undefined);
    assert.match(cardText((await bot.teams.say(berg, 'koppla Berg')).cards[0]), /Kanalen är kopplad till Berg/);
    const relink = await bot.teams.execute(berg, 'link', { arenaId: 'lan', confirm: true, etag: '*' }, BENGT);
    assert.match(cardText(relink), /Kanalen är kopplad till Berg\. Planens projektledare är angivna i appens inställningar \(PROJECT_LEADER_IDS\)\. Be en projektledare att koppla om kanalen\. Ingenting har ändrats\./);
    assert.equal((await bot.app.channels.get(berg.channelId))?.arenaId, 'berg');
  });

  it('says that the settings name the project leaders when anyone, a leader too, tries to add one', async () => {
    await bot.teams.say(berg, 'koppla Berg');
    for (const who of [ANNA, BENGT]) {
      const answer = cardText((await bot.teams.say(berg, 'projektledare lägg till', who, [BENGT])).cards[0]);
      assert.match(answer, /Planens projektledare anges i appens inställningar \(PROJECT_LEADER_IDS\) och ändras bara där, av den som sköter appen\. Ingenting har ändrats\./);
    }
    assert.deepEqual(await bot.app.channels.projectLeaders(), []);
    const relink = await bot.teams.execute(berg, 'link', { arenaId: 'lan', confirm: true, etag: '*' }, BENGT);
    assert.match(cardText(relink), /Be en projektledare att koppla om kanalen/);
  });
});
