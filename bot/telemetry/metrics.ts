// The app's own counters, as Application Insights custom metrics: reminders sent, failed and
// throttled, and updates refused because someone else changed the same thing first. Without
// telemetry started (locally, in tests) the OpenTelemetry API makes these no-ops.
//
// Reminders are counted at the seam app.ts wires together (the reminders' sender), so that the
// sweep does not know about telemetry; conflicts are counted by the update use cases
// (useCases/), the one place where each is decided.
import { metrics } from '@opentelemetry/api';
import type { ProactiveSender, SendOutcome } from '../useCases/proactiveSender';

// Instruments are looked up at each count, not once at load: the meter provider that telemetry
// registers (or a test's) is then the one counted in, whenever this module was loaded.
const counter = (name: string, description: string) => metrics.getMeter('gemensam-plan').createCounter(name, { description });
const remindersSent = () => counter('reminders.sent', 'Reminder cards posted to a channel');
const remindersFailed = () => counter('reminders.failed', 'Reminder cards that could not be posted (reason: transient, rejected, gone, unconfirmed, error)');
const remindersThrottled = () => counter('reminders.throttled', 'Reminder cards still throttled by Teams (HTTP 429) after the retries');
const conflicts = () => counter('updates.conflicts', 'Updates refused because someone else changed the same item first (ETag)');

const FAILURE_REASON: Record<Exclude<SendOutcome['kind'], 'sent' | 'throttled' | 'cancelled'>, string> = {
  transientFailure: 'transient',
  rejected: 'rejected',
  gone: 'gone',
  // Maybe posted, maybe not: counted as failed, with its own reason.
  unconfirmed: 'unconfirmed',
};

/** The same sender, counting what became of each reminder. */
export function countedSender(sender: ProactiveSender): ProactiveSender {
  return {
    send: async (referenceJson, card, hooks) => {
      let outcome: SendOutcome;
      try {
        outcome = await sender.send(referenceJson, card, hooks);
      } catch (error) {
        remindersFailed().add(1, { reason: 'error' });
        throw error;
      }
      if (outcome.kind === 'sent') remindersSent().add(1);
      else if (outcome.kind === 'throttled') remindersThrottled().add(1);
      // Nothing was posted because another sweep holds the reminder: not a failure.
      else if (outcome.kind === 'cancelled') return outcome;
      else remindersFailed().add(1, { reason: FAILURE_REASON[outcome.kind] });
      return outcome;
    },
  };
}

/** One update refused because someone else changed the same item first. */
export function countConflict(subject: 'subActivity' | 'measure'): void {
  conflicts().add(1, { subject });
}
