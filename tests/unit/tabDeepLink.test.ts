// Which view and arena the plan tab opens on: URL query, Teams subEntityId or channel tab entityId.
import assert from 'node:assert/strict';
import { tabLinks } from '../../bot/domain/deepLinks';
import { startFrom } from '../../tab/src/deepLink';

describe('where the plan tab opens', () => {
  it('opens on Översikt without anything else', () => {
    assert.deepEqual(startFrom('', {}), { view: 'oversikt' });
  });

  it('reads the view and arena of the URL query', () => {
    assert.deepEqual(startFrom('?view=handlingsplan&arena=ostersund', {}), { view: 'handlingsplan', arena: 'ostersund' });
  });

  it('reads a Teams deep link\'s subEntityId, as the bot\'s cards write it', () => {
    const link = new URL(tabLinks({ teamsAppId: 'app-id', publicUrl: 'https://x' }).tab('historik', 'krokom'));
    const { subEntityId } = JSON.parse(link.searchParams.get('context')!) as { subEntityId: string };
    assert.deepEqual(startFrom('', { subEntityId }), { view: 'historik', arena: 'krokom' });
  });

  it('reads the local link the bot writes without a Teams app id', () => {
    const link = new URL(tabLinks({ publicUrl: 'http://127.0.0.1:3978' }).tab('arenor', 'are'));
    assert.equal(link.pathname, '/tab/index.html');
    assert.deepEqual(startFrom(link.search, {}), { view: 'arenor', arena: 'are' });
  });

  it('takes a configured channel tab\'s arena from its entityId', () => {
    assert.deepEqual(startFrom('', { entityId: 'berg' }), { view: 'oversikt', arena: 'berg' });
  });

  it('ignores an unknown view and a malformed subEntityId', () => {
    assert.deepEqual(startFrom('?view=admin', { subEntityId: '{not json' }), { view: 'oversikt' });
    assert.deepEqual(startFrom('?arena=../../etc', {}), { view: 'oversikt' });
  });
});
