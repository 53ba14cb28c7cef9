// `npm run dev`: the server from the TypeScript sources (restarting on changes, with tsx watch)
// and the Microsoft 365 Agents Playground pointing at it, so that you can chat with the bot in
// the plan's arena channels in a browser, without a Microsoft 365 tenant. Both listen on
// 127.0.0.1 only. Ctrl-C stops both. See docs/playground.md.
import 'dotenv/config';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../bot/localPorts';
import { isLocalPortFree, startPlayground, type RunningPlayground } from './playground';

const ROOT = path.resolve(__dirname, '..');
/** The Playground's own default port. */
const PLAYGROUND_DEFAULT_PORT = 56150;

async function main(): Promise<void> {
  const botPort = Number(process.env.PORT || 3978);
  if (process.env.BOT_ID) {
    console.warn(
      'BOT_ID is set, so /api/messages only accepts requests signed by the Bot Framework and will refuse the Playground.\n' +
        'To chat locally, leave BOT_ID (and BOT_PASSWORD) unset in .env.',
    );
  }

  // The server, restarted by tsx whenever a source file changes.
  const server = spawn(process.execPath, [require.resolve('tsx/cli'), 'watch', '--disable-warning=DEP0111', 'bot/index.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, HOST: process.env.HOST || '127.0.0.1' },
  });
  const serverExited = new Promise<number | string>((resolve) => server.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));

  let playground: RunningPlayground | undefined;
  let stopping = false;
  const stop = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGINT');
      await Promise.all([serverExited, playground?.stop()]);
    }
    process.exit(code);
  };
  // Ctrl-C reaches the children from the terminal too; this also covers a plain `kill`.
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  void serverExited.then((code) => {
    if (stopping) return;
    console.error(`The server stopped (${code}); stopping the Playground too.`);
    void stop(typeof code === 'number' && code !== 0 ? code : 1);
  });

  const wanted = Number(process.env.PLAYGROUND_PORT || PLAYGROUND_DEFAULT_PORT);
  const port = (await isLocalPortFree(wanted)) ? wanted : await freePort();
  if (port !== wanted) console.warn(`Port ${wanted} is taken; the Playground uses ${port} instead.`);
  try {
    playground = await startPlayground({
      appEndpoint: `http://127.0.0.1:${botPort}/api/messages`,
      port,
      logFile: path.join(ROOT, '.data', 'playground', 'm365agentsplayground.log'),
    });
  } catch (error) {
    console.error(`The Microsoft 365 Agents Playground could not start: ${error instanceof Error ? error.message : String(error)}`);
    return stop(1);
  }
  void playground.exited.then((code) => {
    if (stopping) return;
    console.error(`The Playground stopped (${code}); stopping the server too.\n${playground?.lastWords() ?? ''}`);
    void stop(1);
  });

  console.log(
    [
      '',
      `  Chat with the bot in the Microsoft 365 Agents Playground: ${playground.url}`,
      '  Open a channel under "Teams Channel" (one per arena), write @Gemensam plan and pick the bot,',
      '  then for example "koppla Östersund", "status" or "hjälp". Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
