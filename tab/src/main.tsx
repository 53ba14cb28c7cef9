// Entry of the plan tab: takes the Teams host (or the development mode) and the requests that
// boot.ts started as the page loaded, then renders the app.
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { started } from './boot';

/**
 * How long the first render waits for the plan, the person and the first view's chunk. Until then index.html says "Laddar
 * planen …"; only a request that hangs makes the app render without them (and say the same).
 */
const FIRST_RENDER_WAITS_MS = 3000;

async function main() {
  const [host, start] = await Promise.all([started.host, started.start]);
  // The first render is the one with the data: on a phone, rendering the app around "Laddar planen …"
  // first and again when the plan came cost a second (measured, tests/bench/tabProfile.ts). An answer
  // that failed is shown by the app, which asks again.
  if (start.view !== 'tillganglighet' && start.view !== 'guide') {
    await Promise.race([Promise.allSettled([started.plan.promise, started.me.promise, started.view]), new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAITS_MS))]);
  }
  createRoot(document.getElementById('root')!).render(<App host={host} start={start} first={started} />);
}

void main();
