// Partition and row keys. Keys are built from ids only, never from user text; row-key prefixes
// let one partition hold several kinds of rows that are each read with a range query.

/** The partition that holds the plan's own content (plan info, strategies, measures, arenas). */
export const CONTENT_PARTITION = 'plan';

/** An activity scope: the county (arena "lan") or one arena. Its activities and history live here. */
export function scopePartition(arenaId: string): string {
  return `scope:${arenaId}`;
}

export const ROW = {
  info: 'info',
  /**
   * A scope partition's stamp: rewritten with a new token by every write to the partition, in the
   * same transaction, so that a cached read is checked with one point read (scopeReads.ts). '!'
   * sorts it before every other row.
   */
  stamp: '!stamp',
  /** One row per version of the plan loaded into the store (`npm run plan -- apply`). */
  version: (version: number) => `version|${String(version).padStart(4, '0')}`,
  versionPrefix: 'version|',
  strategy: (id: string) => `strategy|${id}`,
  measure: (id: string) => `measure|${id}`,
  recommendation: (id: string) => `recommendation|${id}`,
  arena: (id: string) => `arena|${id}`,
  activity: (id: string) => `activity|${id}`,
  sub: (id: string) => `sub|${id}`,
  /** An arena's own follow-up of a county-wide sub-activity of Bilaga 1 (plan 7.3), in the arena's partition. */
  followUp: (subId: string) => `follow|${subId}`,
  followUpPrefix: 'follow|',
  /**
   * One sub-activity's history, newest first, as stores before 2026-12 wrote it: a row here and
   * the same change again in the feed (`log`). Read, never written any more (activityStore.ts).
   */
  history: (subId: string, version: number) => `history|${subId}|${invert(version, 10)}`,
  historyPrefix: (subId: string) => `history|${subId}|`,
  /**
   * The scope's changes, newest first by time: one row per change, which is also the changed
   * item's history (read by its `subActivityId`).
   */
  log: (at: Date, subId: string, version: number) => `log|${invert(at.getTime(), 15)}|${subId}|${version}`,
  logPrefix: 'log|',
} as const;

/** Turns an increasing number into a fixed-width string that sorts in decreasing order. */
export function invert(value: number, width: number): string {
  const max = 10 ** width - 1;
  if (!Number.isSafeInteger(value) || value < 0 || value > max) throw new RangeError(`Cannot invert ${value}`);
  return String(max - value).padStart(width, '0');
}

/** Bounds of a RowKey range that holds exactly the keys starting with prefix. */
export function prefixRange(prefix: string): { from: string; to: string } {
  const last = prefix.charCodeAt(prefix.length - 1);
  return { from: prefix, to: prefix.slice(0, -1) + String.fromCharCode(last + 1) };
}

/**
 * Makes an id that comes from Teams (channel, user) safe as a key: Azure Tables forbids
 * '/', '\\', '#', '?' and control characters in keys.
 */
export function externalKey(id: string): string {
  return encodeURIComponent(id);
}
