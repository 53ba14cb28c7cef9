// The chunks a first view may need beyond main.js: App.tsx renders them lazily, and boot.ts starts
// loading the ones the page will show as it loads, so that they come with main.js and its imports
// rather than after the first render (on a phone each later round trip and compile is seen).
export const loadViewTabs = () => import('./ViewTabs');
export const loadActionPlan = () => import('./views/ActionPlan').then((m) => ({ default: m.ActionPlan }));
