// Runs a turn many times at a given concurrency and reports latency percentiles and throughput.
// It reports; it asserts nothing about time.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** User + system CPU seconds of a process, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
  return (Number(fields[11]) + Number(fields[12])) / ticks;
}

export interface LoadFigures {
  name: string;
  concurrency: number;
  turns: number;
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
  errors: number;
}

/** `turn(i)` does the timed part and returns false (or throws) on a wrong answer; `prepare(i)` runs untimed before it. */
export async function load<T>(
  name: string,
  options: { turns: number; concurrency: number; warmUp?: number },
  turn: (i: number, prepared: T) => Promise<boolean>,
  prepare: (i: number, worker: number) => Promise<T> = async () => undefined as T,
): Promise<LoadFigures> {
  const warmUp = options.warmUp ?? Math.min(20, options.turns);
  for (let i = 0; i < warmUp; i++) await turn(i, await prepare(i, 0)).catch(() => false);
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  let busy = 0;
  const worker = async (w: number) => {
    for (let i = next++; i < options.turns; i = next++) {
      const prepared = await prepare(i, w);
      const start = performance.now();
      let ok = false;
      try {
        ok = await turn(i, prepared);
      } catch {
        ok = false;
      }
      const took = performance.now() - start;
      busy += took;
      times.push(took);
      if (!ok) errors++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, (_, w) => worker(w)));
  const elapsed = performance.now() - started;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  void busy;
  return { name, concurrency: options.concurrency, turns: options.turns, p50: at(0.5), p95: at(0.95), p99: at(0.99), perSecond: (options.turns / elapsed) * 1000, errors };
}

/** A row of the latency table, with ratios against the baseline measured at the same concurrency. */
export function latencyRow(f: LoadFigures, baseline: LoadFigures): string {
  const ms = (v: number) => `${v.toFixed(1).padStart(7)}`;
  const x = (v: number) => `×${v.toFixed(2).padStart(5)}`;
  return (
    `${f.name.padEnd(34)} c=${String(f.concurrency).padEnd(3)}` +
    ` p50 ${ms(f.p50)} ${x(f.p50 / baseline.p50)}  p95 ${ms(f.p95)} ${x(f.p95 / baseline.p95)}  p99 ${ms(f.p99)}` +
    `  ${f.perSecond.toFixed(0).padStart(5)}/s ${x(f.perSecond / baseline.perSecond)}  errors ${f.errors}`
  );
}
