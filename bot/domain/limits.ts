// Documented maximum lengths of what people type. Azure Tables caps a string property at 64 KiB
// and an entity at 1 MiB; these limits keep every row far below that and cards readable.
export const LIMITS = {
  /** Statusanteckning: the free-text note beside a status. */
  statusNote: 2000,
  /** Kommentar to a change, kept in the history. */
  comment: 1000,
  /** Answer to a sub-activity's measure (ja/nej or a short text). */
  measureAnswer: 500,
  /** Why a Bilaga 1 item is not done locally, or why an arena ended a local activity: a short reason. */
  reason: 500,
  /** Beskrivning of an arena's local activity. */
  description: 2000,
  /** Display name of the person making a change, as Teams gives it. */
  actorName: 200,
} as const;
