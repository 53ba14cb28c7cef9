// Channels as the bot learns them from Teams events and messages.
import assert from 'node:assert/strict';
import { ChannelStore } from '../../bot/storage/channelStore';
import { freshTables } from '../helpers/storage';

describe('remembering a channel', () => {
  const seen = { channelId: '19:ostersund@thread.tacv2', teamId: '19:plan@thread.tacv2', teamName: 'Gemensam plan', channelName: 'Östersund', tenantId: 't', reference: '{"serviceUrl":"https://smba.example/"}' };

  it('keeps the names learnt from an install when a later message carries none, and never touches the link', async () => {
    const store = new ChannelStore((await freshTables()).channels);
    await store.remember(seen);
    await store.link(seen.channelId, 'ostersund', 'Anna');
    const again = await store.remember({ ...seen, teamName: '', channelName: '', reference: '{"serviceUrl":"https://smba.example/2/"}' });
    assert.equal(again.channelName, 'Östersund');
    assert.equal(again.teamName, 'Gemensam plan');
    assert.equal(again.arenaId, 'ostersund');
    assert.equal(again.reference, '{"serviceUrl":"https://smba.example/2/"}');
  });
});
