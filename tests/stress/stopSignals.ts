// Not in `npm test`: stops the app each way people stop it, ten times each (or --times N), and
// counts the answered saves found after the restart. Run: npx tsx tests/stress/stopSignals.ts
// Each npm start run builds the app first (about a minute on a busy machine).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { placeIn, saveStopRestart, type Launch } from '../helpers/spawnedApp';

const WAYS: Array<{ launch: Launch; signal: NodeJS.Signals; toGroup: boolean }> = [
  { launch: 'npm start', signal: 'SIGINT', toGroup: true },
  { launch: 'npm start', signal: 'SIGTERM', toGroup: true },
  { launch: 'npm start', signal: 'SIGHUP', toGroup: true },
  { launch: 'node', signal: 'SIGINT', toGroup: true },
  { launch: 'node', signal: 'SIGTERM', toGroup: true },
  { launch: 'node', signal: 'SIGTERM', toGroup: false },
  { launch: 'node', signal: 'SIGHUP', toGroup: true },
  { launch: 'node', signal: 'SIGKILL', toGroup: true },
];

async function main(): Promise<void> {
  const timesArg = process.argv.indexOf('--times');
  const times = timesArg > 0 ? Number(process.argv[timesArg + 1]) : 10;
  const only = process.argv.includes('--node') ? WAYS.filter((w) => w.launch === 'node') : WAYS;
  let failures = 0;
  for (const way of only) {
    let kept = 0;
    let lost = 0;
    for (let i = 0; i < times; i++) {
      const folder = mkdtempSync(path.join(tmpdir(), 'gp-stress-'));
      try {
        const { saved, after } = await saveStopRestart(way.launch, way.signal, way.toGroup, await placeIn(folder));
        const n = Object.keys(saved).length;
        const same = Object.entries(saved).filter(([k, v]) => isDeepStrictEqual((after as Record<string, unknown>)[k], v)).length;
        kept += same;
        lost += n - same;
        if (same !== n) console.log(`  run ${i + 1}: saved ${JSON.stringify(saved)}, after restart ${JSON.stringify(after)}`);
      } catch (error) {
        failures++;
        console.log(`  run ${i + 1} failed: ${(error as Error).message.split('\n')[0]}`);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }
    failures += lost;
    console.log(`${way.launch}, ${way.signal} to the ${way.toGroup ? 'process group' : 'process'}: ${times} runs, ${kept} answered saves kept, ${lost} lost`);
  }
  process.exit(failures === 0 ? 0 : 1);
}

void main();
