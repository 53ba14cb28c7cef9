// The operator's `npm run reminders` with its own embedded store (no server running), killed with
// SIGKILL while it posts a card to a Bot Connector that answers slowly, then run again at once, as
// an operator would: no card is ever posted twice. A reminder whose send had started is "possibly
// sent" (its claim, marked before the post, is kept by the store however the command dies) and
// `--problems` lists it; it is never sent again by itself.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../bot/storage/azurite';
import { startTestApp } from '../helpers/app';
import { ConnectorStandIn } from '../helpers/connector';
import { channel, TeamsClient } from '../helpers/teamsClient';

const root = path.resolve(__dirname, '../..');
const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const ostersund = channel('Östersund', '19:ostersund@thread.tacv2');

describe('the reminders command killed mid-send', function () {
  this.timeout(300_000);
  let folder = '';
  let connector: ConnectorStandIn;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'gp-reminders-'));
    const port = String(await freePort());
    connector = await new ConnectorStandIn().start();
    // The channels are linked through the bot on 1 September, on the embedded store in `folder`.
    const store = { TABLES_CONNECTION_STRING: '', AZURITE_LOCATION: folder, AZURITE_TABLE_PORT: port, TABLE_PREFIX: '' };
    const app = await startTestApp(store, { now: () => new Date('2026-09-01T10:00:00Z') });
    const teams = new TeamsClient(app.url, connector, () => app.cardUpdates());
    await teams.say(county, 'koppla Länsgemensam samverkan');
    await teams.say(ostersund, 'koppla Östersund');
    // Östersund adds its own activity, which nobody follows up after: its stale digest is due in November.
    await app.localActivities.createOwn('ostersund', { strategyId: 's1', title: 'Brukarråd i varje hälsocentral', period: { from: 2026, to: 2027 }, measure: '', target: '' }, { id: 'aad-anna', name: 'Anna Andersson' });
    await app.close();
    connector.reset();
    env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DOTENV_CONFIG_PATH: '/nonexistent', LOG_LEVEL: 'silent', ...store };
  });
  after(async () => {
    await connector?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  const script = ['--import', 'tsx', path.join(root, 'scripts/reminders.ts')];
  const run = async (args: string[]) => (await promisify(execFile)(process.execPath, [...script, ...args], { cwd: root, env })).stdout;
  const posts = () => connector.calls.filter((c) => c.method === 'POST' && /\/activities/.test(c.path));

  /** Runs a sweep, and SIGKILLs it once the Connector has taken one more post than before (and not answered it). */
  async function killedMidSend(at: string): Promise<void> {
    const before = posts().length;
    connector.override = (call) => (call.method === 'POST' && /\/activities/.test(call.path) ? 'hang' : undefined);
    const child = spawn(process.execPath, [...script, '--at', at], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await connector.waitForCalls(connector.calls.length + 1, 120_000);
      while (posts().length === before) await connector.waitForCalls(connector.calls.length + 1, 120_000);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`no post arrived: ${String(error)}\n${output}`);
    }
    child.kill('SIGKILL');
    await exited;
    connector.override = undefined;
  }

  it('posts each card once however often it is killed, and lists the cards it may have posted', async () => {
    // Monday 30 November 09:15: the county's digest and Östersund's stale digest are due (two posts).
    await killedMidSend('2026-11-30T09:15');
    assert.equal(posts().length, 1);
    await killedMidSend('2026-11-30T09:16');
    assert.equal(posts().length, 2, 'the second run posts the other channel, not the first again');
    const third = await run(['--at', '2026-11-30T09:20']);
    assert.match(third, /Sent: none/);
    assert.equal(posts().length, 2);
    const later = await run(['--at', '2026-11-30T10:45']);
    assert.match(later, /Sent: none/);

    const perChannel = new Map<string, number>();
    for (const post of posts()) perChannel.set(post.conversationId, (perChannel.get(post.conversationId) ?? 0) + 1);
    assert.deepEqual([...perChannel.entries()].sort(), [[county.channelId, 1], [ostersund.channelId, 1]]);

    // Within their claims' lease (10 minutes) the operator sees them as possibly sent by a stopped sweep.
    const problems = await run(['--problems']);
    const section = /Being posted, or their sweep stopped while posting \(possibly sent\): (\d+)\n([\s\S]*?)\n\n/.exec(problems);
    assert.ok(section, problems);
    assert.equal(Number(section[1]), section[2]!.split('\n').length);
    assert.ok(Number(section[1]) >= 2, problems);
    for (const name of ['Länsgemensam samverkan', 'Östersund']) assert.match(section[2]!, new RegExp(`${name} \\[[a-zA-Z]+\\|.*marked sending by`));
  });
});
