// Entry of the plan tab: takes the Teams host (or the development mode) and the requests that
// boot.ts started as the page loaded, then renders the app.
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { started } from './boot';
import { startFrom } from './deepLink';

async function main() {
  const host = await started.host;
  const start = startFrom(window.location.search, host);
  createRoot(document.getElementById('root')!).render(<App host={host} start={start} first={started} />);
}

void main();
