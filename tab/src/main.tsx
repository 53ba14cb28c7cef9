// Entry of the plan tab: starts the Teams host (or the development mode), then renders the app.
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startHost } from './auth';
import { startFrom } from './deepLink';

async function main() {
  const host = await startHost();
  const start = startFrom(window.location.search, host);
  createRoot(document.getElementById('root')!).render(<App host={host} start={start} />);
}

void main();
