// What the tab's first view needs, started before React and Fluent UI have loaded: the Teams host
// (or the development mode), then the plan and who the person is. index.html loads this tiny entry
// on its own, ahead of main.js, so that the plan's request runs while the browser downloads,
// compiles and starts the rest (on a phone that is seconds); main.tsx takes what it started.
import { fetchMe, fetchPlan, type Me, type PlanApiView } from './api';
import { startHost, type HostContext } from './auth';
import { loadActionPlan, loadViewTabs } from './chunks';
import { startFrom, TABS_COLLAPSE_QUERY, type Start } from './deepLink';

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
const start = host.then((h) => startFrom(window.location.search, h));

// The chunks the first view needs beyond main.js (chunks.ts): the view tabs on a screen wide enough
// for them (else the row of tabs fills in after the data), Handlingsplan when the tab opens on it.
// A failure is the app's to meet when it renders them.
const tabs = window.matchMedia(TABS_COLLAPSE_QUERY).matches ? undefined : loadViewTabs().catch(() => undefined);
const view = Promise.all([tabs, start.then((s) => (s.view === 'handlingsplan' ? loadActionPlan() : undefined)).catch(() => undefined)]);

/** Started once, when the page loads; the app takes each the first time and asks afresh after that. */
export const started: { host: Promise<HostContext>; start: Promise<Start>; view: Promise<unknown>; plan: Early<PlanApiView>; me: Early<Me> } = {
  host,
  start,
  /** The first view's own chunks that boot.ts loads: the view tabs, Handlingsplan (settles also when one failed). */
  view,
  plan: early(host.then(() => fetchPlan())),
  me: early(host.then(() => fetchMe())),
};
