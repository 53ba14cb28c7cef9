// The app's parts, made in one place: the server (app.ts) and every operator command
// (scripts/reminders.ts, scripts/plan.ts) build their stores, the plan's preparation and the
// reminder sweep from here, so that a command never works on a store the server would not.
import type { Config } from './config';
import type { PlanContent } from './domain/plan';
import { tabLinks, type TabLinks } from './domain/deepLinks';
import type { Logger } from './log';
import { ReminderSweep } from './reminders/sweep';
import { ActivityStore } from './storage/activityStore';
import { ChannelStore } from './storage/channelStore';
import { LocalActivityStore } from './storage/localActivityStore';
import { MeasureStore } from './storage/measureStore';
import { PlanStore } from './storage/planStore';
import { ReminderStore } from './storage/reminderStore';
import { RoundStore } from './storage/roundStore';
import type { Tables } from './storage/tables';
import type { ProactiveSender } from './useCases/proactiveSender';

export interface Stores {
  plan: PlanStore;
  activities: ActivityStore;
  channels: ChannelStore;
  measures: MeasureStore;
  localActivities: LocalActivityStore;
  reminders: ReminderStore;
  rounds: RoundStore;
}

export function createStores(tables: Tables, now: () => Date): Stores {
  return {
    plan: new PlanStore(tables.plan, now),
    activities: new ActivityStore(tables.plan, now),
    channels: new ChannelStore(tables.channels, now),
    measures: new MeasureStore(tables.measures, now),
    localActivities: new LocalActivityStore(tables.plan, now),
    reminders: new ReminderStore(tables.reminders),
    rounds: new RoundStore(tables.rounds, now),
  };
}

/**
 * Makes the store ready for the plan: adds what of the plan's content is missing (never resets
 * anything) and moves effect-measure values stored in an earlier layout, once.
 */
export async function preparePlan(stores: Stores, content: PlanContent, log: Logger): Promise<void> {
  const seeded = await stores.plan.seed(content);
  if (seeded.versionMismatch) log.warn(seeded.versionMismatch, 'The store holds another version of the plan than the plan file, and keeps it: load a revised plan with npm run plan -- apply <file>');
  else log.info(seeded, 'Plan seeded');
  // Effect-measure values stored before the one-partition layout are moved once (marker row).
  const moved = await stores.measures.migrateLayout(content.strategies.flatMap((s) => s.effectMeasures.map((m) => m.id)));
  if (moved > 0) log.info({ rows: moved }, 'Effect-measure values moved to the one-partition layout');
}

export function links(config: Pick<Config, 'teamsAppId' | 'publicUrl'>): TabLinks {
  return tabLinks({ ...(config.teamsAppId ? { teamsAppId: config.teamsAppId } : {}), publicUrl: config.publicUrl });
}

export function createReminderSweep(stores: Stores, sender: ProactiveSender, config: Pick<Config, 'teamsAppId' | 'publicUrl'>, log: Logger, now: () => Date): ReminderSweep {
  return new ReminderSweep({ plan: stores.plan, channels: stores.channels, measures: stores.measures, reminders: stores.reminders, rounds: stores.rounds, sender, links: links(config), log, now });
}
