// A bot whose Table Storage goes through a StorageProxy (to make the store fail or hang on cue),
// with an SSO issuer for the tab's API: the setup the storage-failure tests share.
import { useBot, type BotHarness } from './botHarness';
import { SsoIssuer } from './ssoIssuer';
import { StorageProxy } from './storageProxy';

export function useProxiedBot(now: Date, extraEnv: Record<string, string> = {}): { bot: BotHarness; proxy: StorageProxy; entra: SsoIssuer } {
  const entra = new SsoIssuer();
  const proxy = new StorageProxy();
  const env: Record<string, string> = {};
  const bot = useBot(env, () => ({ now: () => now }));

  before(async () => {
    await entra.start();
    await proxy.start();
    Object.assign(env, entra.env(), { TABLES_CONNECTION_STRING: proxy.connectionString() }, extraEnv);
  });
  after(async () => {
    entra.stop();
    await proxy.stop();
  });
  return { bot, proxy, entra };
}
