// Refused requests (forged tokens, malformed bodies) are logged once each, as one structured line
// without a stack trace, and at most `perMinute` lines a minute: a flood of forged requests must
// not flood the log. What was held back is counted in the next line that gets through.
import type { Logger } from './log';

export interface Refusal {
  /** A short code: "bad-token", "no-type", "service-url", … */
  reason: string;
  status: number;
  [field: string]: unknown;
}

export type RefusalLog = (refusal: Refusal) => void;

export function refusalLog(log: Logger, message: string, perMinute = 20, clock: () => number = Date.now): RefusalLog {
  let windowStart = 0;
  let inWindow = 0;
  let suppressed = 0;
  return (refusal) => {
    const now = clock();
    if (now - windowStart >= 60_000) {
      windowStart = now;
      inWindow = 0;
    }
    if (inWindow >= perMinute) {
      suppressed++;
      return;
    }
    inWindow++;
    log.warn({ ...refusal, ...(suppressed > 0 ? { suppressedBefore: suppressed } : {}) }, message);
    suppressed = 0;
  };
}
