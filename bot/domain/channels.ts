// A Teams channel as the plan sees it: which arena it follows up, and how to reach it.

export type ChannelState = 'active' | 'removed' | 'unreachable';

export interface ReminderSettings {
  enabled: boolean;
  /** ISO weekday, 1 = Monday … 7 = Sunday (Europe/Stockholm). */
  weekday: number;
  /** Hour of the day, 0–23 (Europe/Stockholm). */
  hour: number;
  /** Ids of the reminder rules that apply to the channel. */
  rules: string[];
  /**
   * The rules the form offered when the settings were saved (absent: saved before the app
   * recorded it). A rule added to the app later is on until the channel turns it off.
   */
  offered?: string[];
}

export interface ChannelRecord {
  channelId: string;
  teamId: string;
  teamName: string;
  channelName: string;
  tenantId: string;
  /** The arena the channel follows up; undefined until someone links it. */
  arenaId?: string;
  linkedAt?: string;
  linkedBy?: string;
  /** Who linked it (Entra object id): the first link's person is the project leader unless PROJECT_LEADER_IDS is set. */
  linkedById?: string;
  /** Opaque conversation reference for proactive messages (owned by the Teams edge). */
  reference: string;
  state: ChannelState;
  reminders?: ReminderSettings;
  etag: string;
}

/** Where a message or card action came from. */
export type Place =
  | { kind: 'channel'; teamId: string; teamName: string; channelId: string; channelName: string; tenantId: string }
  | { kind: 'personal'; userId: string; tenantId: string }
  | { kind: 'groupChat'; conversationId: string; tenantId: string };
