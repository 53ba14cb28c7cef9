// When each channel last got a meeting brief, so that the next one starts there. Rows live in the
// channels table under their own partition "brief" (ChannelStore uses "channel", "person", "plan",
// "member:<arena>" and "changes", and reads only its own partitions): one row per channel, keyed
// like ChannelStore's channel rows. One point read and one write per brief.
import type { TableClient } from '@azure/data-tables';
import { statusCodeOf, str, type Row } from './entities';
import { externalKey } from './keys';

const BRIEF = 'brief';

export interface LastBrief {
  /** When the brief was given: the next one lists what changed after this moment. */
  at: string;
  /** Where that brief started from. */
  from: string;
  arenaId: string;
  by: string;
}

export class MeetingBriefStore {
  constructor(private readonly table: TableClient) {}

  async last(placeId: string): Promise<LastBrief | undefined> {
    try {
      const row = (await this.table.getEntity<Record<string, unknown>>(BRIEF, externalKey(placeId))) as Row;
      return { at: str(row, 'at'), from: str(row, 'from'), arenaId: str(row, 'arenaId'), by: str(row, 'by') };
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** Remembers a brief given (the latest wins: briefs are given one at a time in a channel). */
  async remember(placeId: string, brief: LastBrief): Promise<void> {
    await this.table.upsertEntity({ partitionKey: BRIEF, rowKey: externalKey(placeId), ...brief }, 'Replace');
  }
}
