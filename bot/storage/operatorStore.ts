// The store an operator command works on: the same settings as `npm start`. With no store
// configured that is the embedded Azurite's data folder; if the server is running, its Azurite
// is used (never a second Azurite on the same files).
import net from 'node:net';
import { azuriteConnectionString, startAzurite } from './azurite';
import type { TableConnection } from './tables';

/** No store configured: the embedded Azurite's data folder and port (as `npm start`). */
type EmbeddedStore = { kind: 'embeddedAzurite'; location: string; port: number };

/** Whether something answers on 127.0.0.1:port (the Azurite of a running `npm start`). */
function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function openOperatorStore(config: { storage: TableConnection | EmbeddedStore }): Promise<{ connection: TableConnection; close(): Promise<void> }> {
  if (config.storage.kind !== 'embeddedAzurite') return { connection: config.storage, close: async () => undefined };
  const { port, location } = config.storage;
  if (await portAnswers(port)) return { connection: { kind: 'connectionString', connectionString: azuriteConnectionString(port) }, close: async () => undefined };
  const azurite = await startAzurite({ location, port });
  return { connection: { kind: 'connectionString', connectionString: azurite.connectionString }, close: () => azurite.stop() };
}
