// What a bot turn costs in Table Storage once the channel is known (issue #10's targets): counted
// at the storage client's pipeline while real turns go through /api/messages into Azurite.
import assert from 'node:assert/strict';
import { STORAGE_TARGETS, type StorageTarget } from '../bench/targets';
import { useBot } from '../helpers/botHarness';
import { countStorageRequests } from '../helpers/storageRequests';
import { buttons, channel, type Card } from '../helpers/teamsClient';

describe('storage requests per bot turn', () => {
  const bot = useBot();
  const county = channel('Länsgemensam samverkan');

  async function costOf(name: StorageTarget, turn: () => Promise<unknown>): Promise<string[]> {
    const counter = countStorageRequests(bot.app.tables);
    counter.reset();
    await turn();
    const requests = [...counter.requests];
    assert.ok(requests.length <= STORAGE_TARGETS[name], `${name} took ${requests.length} requests (target ${STORAGE_TARGETS[name]}):\n${requests.join('\n')}`);
    return requests;
  }

  beforeEach(async () => {
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    await bot.teams.say(county, 'status'); // the channel and the plan's team are read once
  });

  it('answers hjälp without touching storage', async () => {
    assert.deepEqual(await costOf('hjälp', () => bot.teams.say(county, 'hjälp')), []);
  });

  it('shows status with the scope and its latest changes only', async () => {
    await costOf('status', () => bot.teams.say(county, 'status'));
  });

  it('lists activities with one partition query', async () => {
    await costOf('aktiviteter 2', () => bot.teams.say(county, 'aktiviteter 2'));
  });

  it('shows every effect measure with one partition query (values of every arena and period)', async () => {
    await bot.app.measures.report({ measureId: 's2-e1', periodId: '2025', arenaId: 'lan', etag: '', values: [{ category: null, value: 1 }], comment: '', actor: { id: 'x', name: 'X' } });
    const requests = await costOf('mått', () => bot.teams.say(county, 'mått'));
    assert.equal(requests.length, 1, requests.join('\n'));
  });

  it('opens an effect measure\'s form with one query and saves its value with one more and the transaction', async () => {
    const card = (await bot.teams.say(county, 'mått')).cards[0]!;
    let form: Card | undefined;
    await costOf('Uppdatera (open the form)', async () => {
      form = await bot.teams.click(county, card, 'Rapportera');
    });
    // The county's first measure is the SIP count of a municipality, in two categories: both filled in.
    const requests = await costOf('Spara (save)', () => bot.teams.click(county, form!, 'Spara', { value_0: '3', value_1: '4' }));
    assert.ok(requests.some((r) => r.startsWith('POST') && r.includes('$batch')), `the save is one transaction:\n${requests.join('\n')}`);
  });

  it('opens the form with one query and saves with the transaction alone; from a list, the list comes back with one query more', async () => {
    const list = (await bot.teams.say(county, 'aktiviteter 2')).cards[0]!;
    const open = buttons(list).find((b) => b.title === 'Uppdatera')!;
    let form: Card | undefined;
    await costOf('Uppdatera (open the form)', async () => {
      // The item's own form (as from the status card): Spara leads to the item's card.
      form = await bot.teams.execute(county, open.verb, { scopeId: open.data.scopeId, subActivityId: open.data.subActivityId });
    });
    const requests = await costOf('Spara (save)', () => bot.teams.click(county, form!, 'Spara', { status: 'klar' }));
    // The form was made here: this instance holds the row at the form's ETag, so the transaction
    // that carries it is the whole cost.
    assert.equal(requests.length, 1, requests.join('\n'));
    assert.ok(requests[0]!.startsWith('POST') && requests[0]!.includes('$batch'), `the save is one transaction:\n${requests.join('\n')}`);
    assert.ok(buttons(form!).some((b) => b.title === 'Spara'));

    // From the list: the transaction, then the list read afresh (one query), so that it comes back
    // at its page with everyone's current state.
    const again = (await bot.teams.say(county, 'aktiviteter 2')).cards[0]!;
    const listForm = await bot.teams.click(county, again, /^Uppdatera/);
    const fromList = await costOf('Spara (save)', () => bot.teams.click(county, listForm, 'Spara', { status: 'pagar' }));
    assert.equal(fromList.length, 2, fromList.join('\n'));
    assert.ok(fromList[0]!.startsWith('POST') && fromList[0]!.includes('$batch'), `the save is one transaction:\n${fromList.join('\n')}`);
  });

  it('writes a person\'s membership once a day, not on every turn', async () => {
    const counter = countStorageRequests(bot.app.tables);
    counter.reset();
    for (let i = 0; i < 5; i++) await bot.teams.say(county, 'hjälp');
    assert.deepEqual(counter.requests, []);
  });
});
