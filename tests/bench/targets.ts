// How many Table Storage requests a bot turn may cost in steady state (issue #10): the storage
// cost test holds the app to them in every test run, and `npm run bench` prints the counts next
// to them. A query counts once per page; a transaction is one request.
export const STORAGE_TARGETS = {
  /** A static card: the channel's link and the plan's content are cached. */
  hjälp: 0,
  /** The scope's activities and its latest changes (one point read of the scope's stamp when they are unchanged). */
  status: 2,
  /** One partition query. */
  'aktiviteter 2': 1,
  /** One partition query. */
  mått: 1,
  /** Uppdatera: the scope's activities. */
  'Uppdatera (open the form)': 1,
  /** Spara: the transaction carrying the card's ETag, after a point read of the row unless this instance holds it at that ETag. */
  'Spara (save)': 2,
} as const;

export type StorageTarget = keyof typeof STORAGE_TARGETS;
