// The manifest's parts for where people talk: the compose box's search command (its parameter is
// the one the bot reads), link unfurling on the app's own domain (where the short links live), and
// the tab in group chats and meetings with the permission that sharing to the stage needs. The
// whole manifest is validated against Microsoft's schema in appPackage.test.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEARCH_PARAMETER } from '../../bot/teams/planBot';

const root = join(__dirname, '..', '..', 'appPackage');
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const english = JSON.parse(readFileSync(join(root, 'en-us.json'), 'utf8')) as Record<string, string>;

describe('the manifest where people talk', () => {
  it('has the compose box search, with the parameter the bot reads, and English for it', () => {
    const [extension] = manifest.composeExtensions;
    assert.equal(extension.botId, '${{BOT_ID}}');
    const [command] = extension.commands;
    assert.equal(command.type, 'query');
    assert.deepEqual(command.parameters.map((p: { name: string }) => p.name), [SEARCH_PARAMETER]);
    assert.ok(english['composeExtensions[0].commands[0].title']);
    assert.ok(english['composeExtensions[0].commands[0].parameters[0].title']);
  });

  it('unfurls links on the app\'s own domain, where the short links are', () => {
    const [extension] = manifest.composeExtensions;
    assert.deepEqual(extension.messageHandlers, [{ type: 'link', value: { domains: ['${{TAB_DOMAIN}}'] } }]);
    assert.ok(manifest.validDomains.includes('${{TAB_DOMAIN}}'));
  });

  it('lets the tab into group chats and meetings (side panel, stage) with the stage permission', () => {
    const [tab] = manifest.configurableTabs;
    assert.ok(tab.scopes.includes('groupChat'));
    for (const context of ['meetingChatTab', 'meetingSidePanel', 'meetingStage']) assert.ok(tab.context.includes(context), context);
    assert.deepEqual(manifest.authorization.permissions.resourceSpecific, [{ name: 'MeetingStage.Write.Chat', type: 'Delegated' }]);
  });
});
