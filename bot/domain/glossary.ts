// The app's Swedish words: one name for one thing, in the plan's own words where the plan has
// one. Cards, the tab, reminders and exports take their words from here, so that a person never
// meets two names for the same thing in one flow (tests/unit/glossary.test.ts looks for the
// variants this replaced). Plain module (the tab imports it too).
import type { Arena } from './plan';

export const WORDS = {
  /**
   * Bilaga 1, as the plan names it (9: "Handlingsplan för länsövergripande aktiviteter"; 1.6:
   * "Länsövergripande aktiviteter har sammanställts i en handlingsplan"). Not "länsgemensamma".
   */
  bilaga1: 'Länsövergripande aktiviteter',
  bilaga1Ref: 'Länsövergripande aktiviteter (Bilaga 1)',
  /** In running text: "de länsövergripande aktiviteterna". */
  bilaga1Definite: 'de länsövergripande aktiviteterna',
  /**
   * Who acts for the county (1.6: "Länsgemensam samverkan ansvarar för genomförande och
   * uppföljning"): it opens, closes and decides. "Länet" is a level (a figure for the whole
   * county, the county's status), never someone who does something.
   */
  countyActor: 'Länsgemensam samverkan',
  countyActorLower: 'länsgemensam samverkan',
  /** The next time the plan is revised (1.6: "Revidering av planen sker var tredje år"). A revision is not an audit. */
  nextRevision: 'Nästa revidering',
  /** After a field's label: the field may be left empty. */
  optional: '(valfri)',
  /** An arena that has not submitted its follow-up in a round. */
  notSubmitted: 'Inte inlämnad',
  /** A closed round's state: kept as it was and never changed again. */
  frozen: 'fryst',
  /**
   * A write whose answer never came (no answer in time, a cut connection, a gateway's 5xx): it may
   * or may not be stored, and the next read shows which. Never "inget sparades" then.
   */
  saveUnknown: 'Det är oklart om det sparades',
  /** Said only when no write reached the store (refused before writing, 412, invalid). */
  nothingSaved: 'Inget sparades',
} as const;

/** Whose decision a revision records: "Bergs kommuns beslut", "Regionens beslut". */
export function decisionOf(arena: Pick<Arena, 'kind' | 'name'>): string {
  return arena.kind === 'county' ? 'Regionens beslut' : `${arena.name}s kommuns beslut`;
}

/** A label with the glossary's mark for a field that may be left empty. */
export function optionalLabel(label: string): string {
  return `${label} ${WORDS.optional}`;
}
