// Starts the real app with the tab's settings (its sign-in or development mode come from env).
import type { RunningApp } from '../../bot/app';
import { startTestApp } from './app';

export async function startTabApp(env: Record<string, string>, options: { now?: () => Date } = {}): Promise<RunningApp> {
  return startTestApp(env, options);
}
