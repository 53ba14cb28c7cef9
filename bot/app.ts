// Wires the app together: storage (embedded Azurite by default), the plan's seed, the bot and
// the server. Used by bot/index.ts and by the tests, which start it on a free port.
import type { CloudAdapter } from 'botbuilder';
import type { Server } from 'restify';
import { redactedConfig, type Config } from './config';
import { loadPlanContent } from './content/loadPlan';
import './domain/inputErrors';
import { Conversation } from './conversation/conversation';
import { conversationFeatures } from './conversation/features';
import { isPlanTeam } from './conversation/planTeam';
import { createReminderSweep, createStores, links, preparePlan } from './compose';
import { createLogger, type Logger } from './log';
import { startAzurite, type RunningAzurite } from './storage/azurite';
import { WriteJournal } from './storage/writeJournal';
import { ActivityStore } from './storage/activityStore';
import { ChannelStore } from './storage/channelStore';
import { LocalActivityStore } from './storage/localActivityStore';
import { MeasureStore } from './storage/measureStore';
import { PlanStore } from './storage/planStore';
import { createTables, describeConnection, ensureTables, pingTables, type TableConnection, type Tables } from './storage/tables';
import { createBotAdapter, createMessageEndpoint } from './teams/adapter';
import { PlanBot } from './teams/planBot';
import { createServer } from './server';
import { registerTabRoutes } from './api/tabApi';
import { MeetingBriefStore } from './storage/meetingBriefStore';
import { ReminderScheduler } from './reminders/scheduler';
import { ReminderSweep } from './reminders/sweep';
import { ReminderStore } from './storage/reminderStore';
import { RevisionStore } from './storage/revisionStore';
import { BotProactiveSender } from './teams/proactiveSender';
import { countedSender } from './telemetry/metrics';

export interface RunningApp {
  url: string;
  server: Server;
  tables: Tables;
  plan: PlanStore;
  activities: ActivityStore;
  channels: ChannelStore;
  measures: MeasureStore;
  localActivities: LocalActivityStore;
  adapter: CloudAdapter;
  reminders: ReminderStore;
  reminderSweep: ReminderSweep;
  /** Runs the reminder sweep on a schedule once started (bot/index.ts starts it; tests do not). */
  reminderSchedule: ReminderScheduler;
  log: Logger;
  /** Resolves when the cards replaced for everyone after saves have been sent (they do not hold up a save's answer). */
  cardUpdates(): Promise<void>;
  close(): Promise<void>;
}

export interface AppOptions {
  log?: Logger;
  now?: () => Date;
  /** The embedded Azurite died and could not be started again (bot/index.ts stops the app). */
  onStorageLost?: (error: Error) => void;
}

export async function startApp(config: Config, options: AppOptions = {}): Promise<RunningApp> {
  const log = options.log ?? createLogger(config.logLevel);
  log.info({ config: redactedConfig(config) }, 'Starting');

  let azurite: RunningAzurite | undefined;
  let journal: WriteJournal | undefined;
  let afterStorageRestart: () => Promise<void> = async () => undefined;
  let connection: TableConnection;
  if (config.storage.kind === 'embeddedAzurite') {
    // A restarted Azurite may have lost its last seconds (docs/development.md): tables and seed are made good again.
    journal = new WriteJournal();
    azurite = await startAzurite({ location: config.storage.location, port: config.storage.port, supervise: { log, journal, onGiveUp: (error) => options.onStorageLost?.(error), onRestarted: () => afterStorageRestart() } });
    log.info({ port: azurite.port, location: config.storage.location }, 'Embedded Azurite started');
    connection = { kind: 'connectionString', connectionString: azurite.connectionString };
  } else {
    connection = config.storage;
  }

  try {
    const tables = createTables(connection, config.tablePrefix, { ...(journal ? { journal } : {}), deadlineMs: config.storageDeadlineMs });
    await ensureTables(tables, describeConnection(connection));
    const content = loadPlanContent(config.planFile);
    const now = options.now ?? (() => new Date());
    const stores = createStores(tables, now);
    const { plan, activities, channels, measures, localActivities, reminders, rounds } = stores;
    await preparePlan(stores, content, log);
    afterStorageRestart = async () => {
      await ensureTables(tables, describeConnection(connection));
      log.info(await plan.seed(content), 'Plan seeded again after a storage restart');
    };
    const adapter = createBotAdapter(config.bot, log);
    const reminderLog = log.child({ module: 'reminders' });
    // One proactive sender (one pacer for Teams' limits): the reminders and the revision's cards to the arenas.
    const sender = countedSender(new BotProactiveSender(adapter, { botAppId: config.bot?.appId ?? '', log: log.child({ module: 'proactive' }) }));
    const revisions = new RevisionStore(tables.revisions, now);
    const briefs = new MeetingBriefStore(tables.channels);
    const services = { plan, activities, channels, measures, localActivities, revisions, rounds, briefs, sender, links: links(config), planTeamIds: config.planTeamIds, projectLeaderIds: config.projectLeaderIds, now, log };
    const conversation = new Conversation(services, conversationFeatures);
    const reminderSweep = createReminderSweep(stores, sender, config, reminderLog, now);
    const reminderSchedule = new ReminderScheduler(reminderSweep, { log: reminderLog });
    const bot = new PlanBot({ conversation, channels, plan, log, botAppId: config.bot?.appId ?? '', isPlanTeam: (teamId) => isPlanTeam(services, teamId) });
    const server = createServer({
      log,
      messages: createMessageEndpoint(adapter, bot),
      storageReachable: () => pingTables(tables),
    });
    registerTabRoutes(server, { tab: config.tab, plan, activities, localActivities, channels, measures, revisions, rounds, links: links(config), sender, projectLeaderIds: config.projectLeaderIds, log, now });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    const address = server.address();
    const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${address.port}`;
    return {
      url,
      server,
      tables,
      plan,
      activities,
      channels,
      measures,
      localActivities,
      adapter,
      reminders,
      reminderSweep,
      reminderSchedule,
      log,
      cardUpdates: () => bot.settled(),
      close: async () => {
        await reminderSchedule.stop();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await bot.settled();
        await azurite?.stop();
      },
    };
  } catch (error) {
    await azurite?.stop();
    throw error;
  }
}
