// Channels the bot has seen (arena link, conversation reference, reminder settings), each
// person's arena choice in personal chat, and who takes part in which arena's channel.
import { randomBytes } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import { LRUCache } from 'lru-cache';
import type { ChannelRecord, ChannelState, ReminderSettings } from '../domain/channels';
import type { ProjectLeader } from '../domain/projectLeaders';
import { statusCodeOf, str, type Row } from './entities';
import { externalKey, invert } from './keys';

const CHANNEL = 'channel';
const PERSON = 'person';
/** Which arena a Teams meeting is for (its side panel's brief), one row per meeting. */
const MEETING = 'meeting';
/** The team the plan is followed up in, pinned by the first link unless configured (PLAN_TEAM_IDS). */
const PLAN_TEAM = { partitionKey: 'plan', rowKey: 'team' } as const;
/** The project leaders recorded with the plan team's first link (when PROJECT_LEADER_IDS is unset). */
const LEADERS = { partitionKey: 'plan', rowKey: 'leaders' } as const;
/** Taking part in an arena's channel counts for this long after a person's last message there. */
export const MEMBERSHIP_DAYS = 180;
const memberPartition = (arenaId: string) => `member:${arenaId}`;
/** One row per change of a channel's link or reminder settings, newest first, kept for Historik. */
const CHANGES = 'changes';

/** A change of a channel's arena link or reminder settings, as kept for the history. */
export interface ChannelChange {
  kind: 'link' | 'reminders';
  channelId: string;
  channelName: string;
  teamName: string;
  arenaId: string;
  at: string;
  by: string;
  /** What the settings became, in words (reminders only). */
  summary: string;
}

/**
 * Every turn needs the channel's link, the plan's team and (in personal chat) the person's arena.
 * They change rarely, so each instance keeps what it read for CACHE_SECONDS and forgets an entry
 * the moment it writes it itself. With several instances, a change made on another instance is
 * seen within CACHE_SECONDS: a re-link takes effect on every instance within that time, which is
 * acceptable for a link that is made once and confirmed in a card. A pinned plan team never
 * changes, so it is kept for good once read.
 */
export const CACHE_SECONDS = 30;
/** A person's membership row is written at most this often per instance (it counts for MEMBERSHIP_DAYS). */
const MEMBER_REFRESH_MS = 86_400_000;
type Cached<T> = { value: T | undefined };

export interface ChannelSeen {
  channelId: string;
  teamId: string;
  teamName: string;
  channelName: string;
  tenantId: string;
  reference: string;
}

export class ChannelStore {
  private readonly cache = new LRUCache<string, Cached<ChannelRecord | string>>({ max: 5_000, ttl: CACHE_SECONDS * 1000 });
  /** When this instance last wrote a person's membership row, per arena and person. */
  private readonly memberWritten = new LRUCache<string, number>({ max: 20_000 });
  private pinnedTeam?: string;

  constructor(
    private readonly table: TableClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Reads through the cache; `undefined` (nothing stored) is cached too. */
  private async cached<T extends ChannelRecord | string>(key: string, read: () => Promise<T | undefined>): Promise<T | undefined> {
    const hit = this.cache.get(key);
    if (hit) return hit.value as T | undefined;
    const value = await read();
    this.cache.set(key, { value });
    return value;
  }

  /** Records a channel (or refreshes its name and reference); never touches its arena link. */
  async remember(seen: ChannelSeen): Promise<ChannelRecord> {
    // Teams leaves team and channel names out of ordinary messages: an empty name never
    // replaces one learnt from an install or rename event.
    const { teamName, channelName, ...rest } = seen;
    await this.table.upsertEntity(
      {
        partitionKey: CHANNEL,
        rowKey: externalKey(seen.channelId),
        ...rest,
        ...(teamName ? { teamName } : {}),
        ...(channelName ? { channelName } : {}),
        state: 'active' satisfies ChannelState,
      },
      'Merge',
    );
    this.forget(seen.channelId);
    return (await this.get(seen.channelId))!;
  }

  /** The channel as stored (read through the instance's short cache, see CACHE_SECONDS). */
  async get(channelId: string): Promise<ChannelRecord | undefined> {
    return this.cached(`channel|${channelId}`, () => this.read(channelId));
  }

  private forget(channelId: string): void {
    this.cache.delete(`channel|${channelId}`);
  }

  private async read(channelId: string): Promise<ChannelRecord | undefined> {
    try {
      return toChannel(await this.table.getEntity<Record<string, unknown>>(CHANNEL, externalKey(channelId)) as Row);
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** Links the channel to an arena. With an ETag, refuses (returns undefined) if the channel changed meanwhile. */
  async link(channelId: string, arenaId: string, by: string, etag?: string, byId = ''): Promise<ChannelRecord | undefined> {
    try {
      await this.table.updateEntity(
        { partitionKey: CHANNEL, rowKey: externalKey(channelId), arenaId, linkedAt: this.now().toISOString(), linkedBy: by, linkedById: byId },
        'Merge',
        { etag: etag ?? '*' },
      );
      this.forget(channelId);
    } catch (error) {
      this.forget(channelId);
      if (statusCodeOf(error) === 412 || statusCodeOf(error) === 404) return undefined;
      throw error;
    }
    const record = await this.get(channelId);
    if (record) await this.logChange({ kind: 'link', by, summary: '' }, record);
    return record;
  }

  async setState(channelId: string, state: ChannelState): Promise<void> {
    try {
      await this.table.updateEntity({ partitionKey: CHANNEL, rowKey: externalKey(channelId), state }, 'Merge');
      this.forget(channelId);
    } catch (error) {
      if (statusCodeOf(error) !== 404) throw error;
    }
  }

  /** Marks every channel of a team removed (the bot was removed, or the team deleted). */
  async removeTeam(teamId: string): Promise<number> {
    const channels = await this.channelsOfTeam(teamId);
    for (const c of channels) await this.setState(c.channelId, 'removed');
    return channels.length;
  }

  /** Saves the reminder settings; with `change`, a history row says who and what. */
  async setReminders(channelId: string, settings: ReminderSettings, etag: string, change?: { by: string; summary: string }): Promise<ChannelRecord | undefined> {
    try {
      await this.table.updateEntity(
        { partitionKey: CHANNEL, rowKey: externalKey(channelId), reminders: JSON.stringify(settings) },
        'Merge',
        { etag },
      );
      this.forget(channelId);
    } catch (error) {
      this.forget(channelId);
      if (statusCodeOf(error) === 412 || statusCodeOf(error) === 404) return undefined;
      throw error;
    }
    const record = await this.get(channelId);
    if (record && change) await this.logChange({ kind: 'reminders', ...change }, record);
    return record;
  }

  /** The latest link and reminder changes of all channels, newest first. */
  async changes(limit = 200): Promise<ChannelChange[]> {
    const out: ChannelChange[] = [];
    for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${CHANGES}` } })) {
      const r = row as Row;
      out.push({
        kind: str(r, 'kind') === 'reminders' ? 'reminders' : 'link',
        channelId: str(r, 'channelId'),
        channelName: str(r, 'channelName'),
        teamName: str(r, 'teamName'),
        arenaId: str(r, 'arenaId'),
        at: str(r, 'at'),
        by: str(r, 'by'),
        summary: str(r, 'summary'),
      });
      if (out.length >= limit) break;
    }
    return out;
  }

  /** A separate write after the change itself (another partition: no transaction spans both). */
  private async logChange(change: Pick<ChannelChange, 'kind' | 'by' | 'summary'>, record: ChannelRecord): Promise<void> {
    const at = this.now();
    await this.table.createEntity({
      partitionKey: CHANGES,
      rowKey: `${invert(at.getTime(), 15)}-${randomBytes(4).toString('hex')}`,
      ...change,
      at: at.toISOString(),
      channelId: record.channelId,
      channelName: record.channelName,
      teamName: record.teamName,
      arenaId: record.arenaId ?? '',
    });
  }

  /** Active channels linked to an arena (a small partition; the filter runs server-side). */
  async channelsOf(arenaId: string): Promise<ChannelRecord[]> {
    return this.list(odata`PartitionKey eq ${CHANNEL} and arenaId eq ${arenaId} and state eq ${'active'}`);
  }

  async all(): Promise<ChannelRecord[]> {
    return this.list(odata`PartitionKey eq ${CHANNEL}`);
  }

  /** The arena a meeting is for, as someone in it chose (undefined: not chosen yet). */
  async meetingArena(meetingId: string): Promise<{ arenaId: string; chosenBy: string; chosenAt: string } | undefined> {
    try {
      const row = (await this.table.getEntity<Record<string, unknown>>(MEETING, externalKey(meetingId))) as Row;
      return str(row, 'arenaId') ? { arenaId: str(row, 'arenaId'), chosenBy: str(row, 'chosenBy'), chosenAt: str(row, 'chosenAt') } : undefined;
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }

  async chooseMeetingArena(meetingId: string, arenaId: string, chosenBy: string): Promise<void> {
    await this.table.upsertEntity({ partitionKey: MEETING, rowKey: externalKey(meetingId), arenaId, chosenBy, chosenAt: this.now().toISOString() }, 'Replace');
  }

  /** The arena a person follows in personal chat. */
  async personalArena(userId: string): Promise<string | undefined> {
    return this.cached(`person|${userId}`, async () => {
      try {
        const row = (await this.table.getEntity<Record<string, unknown>>(PERSON, externalKey(userId))) as Row;
        return str(row, 'arenaId') || undefined;
      } catch (error) {
        if (statusCodeOf(error) === 404) return undefined;
        throw error;
      }
    });
  }

  async choosePersonalArena(userId: string, arenaId: string): Promise<void> {
    await this.table.upsertEntity({ partitionKey: PERSON, rowKey: externalKey(userId), arenaId, chosenAt: this.now().toISOString() }, 'Replace');
    this.cache.delete(`person|${userId}`);
  }

  /**
   * Records that a person takes part in an arena's channel: it lets them update that arena from
   * personal chat. Written when this instance has not written it for a day: membership counts
   * for MEMBERSHIP_DAYS, so a day's precision costs nothing and saves a write on every turn.
   */
  async recordMember(arenaId: string, userId: string): Promise<void> {
    const key = `${arenaId}|${userId}`;
    const now = this.now().getTime();
    const written = this.memberWritten.get(key);
    if (written !== undefined && now - written < MEMBER_REFRESH_MS && now >= written) return;
    await this.table.upsertEntity({ partitionKey: memberPartition(arenaId), rowKey: externalKey(userId), lastSeen: this.now().toISOString() }, 'Replace');
    this.memberWritten.set(key, now);
  }

  async isMember(arenaId: string, userId: string): Promise<boolean> {
    try {
      const row = (await this.table.getEntity<Record<string, unknown>>(memberPartition(arenaId), externalKey(userId))) as Row;
      const lastSeen = Date.parse(str(row, 'lastSeen'));
      return Number.isFinite(lastSeen) && this.now().getTime() - lastSeen <= MEMBERSHIP_DAYS * 86_400_000;
    } catch (error) {
      if (statusCodeOf(error) === 404) return false;
      throw error;
    }
  }

  /** A person left the team: they no longer take part in these arenas' channels. */
  async forgetMember(userId: string, arenaIds: string[]): Promise<void> {
    for (const arenaId of new Set(arenaIds)) {
      this.memberWritten.delete(`${arenaId}|${userId}`);
      try {
        await this.table.deleteEntity(memberPartition(arenaId), externalKey(userId));
      } catch (error) {
        if (statusCodeOf(error) !== 404) throw error;
      }
    }
  }

  /** Channels of a team (a small partition; the filter runs server-side). */
  async channelsOfTeam(teamId: string): Promise<ChannelRecord[]> {
    return this.list(odata`PartitionKey eq ${CHANNEL} and teamId eq ${teamId}`);
  }

  /** The pinned plan team, if a channel has been linked. */
  async planTeam(): Promise<string | undefined> {
    if (this.pinnedTeam) return this.pinnedTeam;
    const team = await this.cached('planTeam', async () => {
      try {
        return str((await this.table.getEntity<Record<string, unknown>>(PLAN_TEAM.partitionKey, PLAN_TEAM.rowKey)) as Row, 'teamId') || undefined;
      } catch (error) {
        if (statusCodeOf(error) === 404) return undefined;
        throw error;
      }
    });
    // Pinning happens once, with a conditional insert: once read, it never changes.
    if (team) this.pinnedTeam = team;
    return team;
  }

  /** Pins the plan team unless one is pinned already; returns the pinned team either way. */
  async pinPlanTeam(teamId: string): Promise<string> {
    try {
      await this.table.createEntity({ ...PLAN_TEAM, teamId, pinnedAt: this.now().toISOString() });
      this.pinnedTeam = teamId;
      return teamId;
    } catch (error) {
      if (statusCodeOf(error) !== 409) throw error;
      this.cache.delete('planTeam');
      return (await this.planTeam()) ?? teamId;
    }
  }

  /** The project leaders recorded with the first link; empty: none recorded. */
  async projectLeaders(): Promise<ProjectLeader[]> {
    const json = await this.cached('leaders', async () => {
      try {
        return str((await this.table.getEntity<Record<string, unknown>>(LEADERS.partitionKey, LEADERS.rowKey)) as Row, 'leaders') || undefined;
      } catch (error) {
        if (statusCodeOf(error) === 404) return undefined;
        throw error;
      }
    });
    return json ? (JSON.parse(json) as ProjectLeader[]) : [];
  }

  /** Records the first project leader unless one is recorded already (a conditional insert); returns who is recorded. */
  async recordFirstProjectLeader(leader: ProjectLeader, channelId: string): Promise<ProjectLeader[]> {
    try {
      await this.table.createEntity({ ...LEADERS, leaders: JSON.stringify([leader]), recordedAt: this.now().toISOString(), channelId });
    } catch (error) {
      if (statusCodeOf(error) !== 409) throw error;
    }
    this.cache.delete('leaders');
    return this.projectLeaders();
  }

  /**
   * Changes the recorded project leaders: `change` gets who is recorded now (read afresh) and
   * returns the new list, or undefined to write nothing. Written with the row's ETag, so two
   * changes at the same moment never overwrite each other (the later reads again). Returns who is
   * recorded afterwards, or undefined when no leaders are recorded (nothing to change).
   */
  async changeProjectLeaders(change: (current: ProjectLeader[]) => ProjectLeader[] | undefined): Promise<ProjectLeader[] | undefined> {
    for (let attempt = 0; ; attempt++) {
      let row: Row;
      try {
        row = (await this.table.getEntity<Record<string, unknown>>(LEADERS.partitionKey, LEADERS.rowKey)) as Row;
      } catch (error) {
        if (statusCodeOf(error) === 404) return undefined;
        throw error;
      }
      const current = JSON.parse(str(row, 'leaders') || '[]') as ProjectLeader[];
      const next = change(current);
      if (!next) return current;
      try {
        await this.table.updateEntity({ ...LEADERS, leaders: JSON.stringify(next), changedAt: this.now().toISOString() }, 'Merge', { etag: row.etag });
        this.cache.delete('leaders');
        return next;
      } catch (error) {
        if (statusCodeOf(error) !== 412 || attempt >= 3) throw error;
      }
    }
  }

  private async list(filter: string): Promise<ChannelRecord[]> {
    const out: ChannelRecord[] = [];
    for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) out.push(toChannel(row as Row));
    return out;
  }
}

function toChannel(row: Row): ChannelRecord {
  const reminders = str(row, 'reminders');
  const state = str(row, 'state');
  return {
    channelId: str(row, 'channelId'),
    teamId: str(row, 'teamId'),
    teamName: str(row, 'teamName'),
    channelName: str(row, 'channelName'),
    tenantId: str(row, 'tenantId'),
    ...(str(row, 'arenaId') ? { arenaId: str(row, 'arenaId') } : {}),
    ...(str(row, 'linkedAt') ? { linkedAt: str(row, 'linkedAt') } : {}),
    ...(str(row, 'linkedBy') ? { linkedBy: str(row, 'linkedBy') } : {}),
    ...(str(row, 'linkedById') ? { linkedById: str(row, 'linkedById') } : {}),
    reference: str(row, 'reference'),
    state: state === 'removed' || state === 'unreachable' ? state : 'active',
    ...(reminders ? { reminders: JSON.parse(reminders) as ReminderSettings } : {}),
    etag: row.etag,
  };
}
