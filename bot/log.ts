// Structured logging (pino). Logs carry ids, never tokens, card text or whole activities.
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'gemensam-plan' }, redact: ['req.headers.authorization', '*.password', '*.connectionString'] });
}
