// The chunks a first view may need beyond main.js: App.tsx renders them lazily, and boot.ts starts
// loading the ones the page will show as it loads, so that they come with main.js and its imports
// rather than after the first render (on a phone each later round trip and compile is seen).
import type * as ActionPlanModule from './views/ActionPlan';
import type * as ViewTabsModule from './ViewTabs';

let actionPlanModule: typeof ActionPlanModule | undefined;
let viewTabsModule: typeof ViewTabsModule | undefined;

export const loadViewTabs = () => import('./ViewTabs').then((m) => (viewTabsModule = m));
/** The view tabs if their chunk has loaded already (App then renders them without Suspense). */
export const loadedViewTabs = () => viewTabsModule;
export const loadActionPlan = () => import('./views/ActionPlan').then((m) => ((actionPlanModule = m), { default: m.ActionPlan }));
/** Handlingsplan's module if it has loaded already (App then renders it without Suspense). */
export const loadedActionPlan = () => actionPlanModule;
