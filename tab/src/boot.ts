// What the tab's first view needs, started before React and Fluent UI have loaded: the Teams host
// (or the development mode), then the plan and who the person is. index.html loads this tiny entry
// on its own, ahead of main.js, so that the plan's request runs while the browser downloads,
// compiles and starts the rest (on a phone that is seconds); main.tsx takes what it started.
import { fetchMe, fetchPlan, type Me, type PlanApiView } from './api';
import { startHost, type HostContext } from './auth';

/** A request started early: its promise, and its value once it has arrived (read when the app first renders). */
export interface Early<T> {
  promise: Promise<T>;
  value?: T;
}

function early<T>(promise: Promise<T>): Early<T> {
  const e: Early<T> = { promise };
  // A failure is the app's to show: it asks again and says why (App.tsx).
  promise.then((v) => (e.value = v), () => undefined);
  return e;
}

const host = startHost();

/** Started once, when the page loads; the app takes each the first time and asks afresh after that. */
export const started: { host: Promise<HostContext>; plan: Early<PlanApiView>; me: Early<Me> } = {
  host,
  plan: early(host.then(() => fetchPlan())),
  me: early(host.then(() => fetchMe())),
};
