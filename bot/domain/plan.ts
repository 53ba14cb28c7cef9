// The plan as data: a region's joint plan for the primary care level (the app ships Gemensam
// plan för primärvårdsnivå i Jämtland Härjedalen, bot/content/plan.sv.json; PLAN_FILE loads
// another). Plain TypeScript types, no SDK imports. The content itself lives in a JSON file,
// validated against planSchema.ts when the app starts and by `npm run plan`.
import type { SelectableStatusId } from './status';

/** Priority period of an activity ("Prioritet" in Bilaga 1), e.g. 2024–2025. */
export interface Period {
  from: number;
  to: number;
}

/**
 * An item a revised version of the plan no longer has (1.6: "Revidering av planen sker var
 * tredje år"). Ids are forever: the item stays in the file, marked, and the app closes it
 * ("Avslutad i revidering") but keeps it readable with its history.
 */
export interface Retirement {
  /** The plan version that retired it. */
  version: number;
  /** Why, in the plan's words (shown with the item and written to its history). */
  reason: string;
}

/** Delaktivitet: a row of the action plan (Bilaga 1). */
export interface SubActivity {
  id: string;
  title: string;
  /** Bullet points written under the sub-activity in the appendix (may be empty). */
  details: string[];
  /**
   * Status in the fixed set, mapped from the appendix's prose; absent where the appendix's Status
   * cell is empty: the plan gives no status, so none is shown (and none is taken from the row above).
   */
  status?: SelectableStatusId;
  /** The appendix's status text, word for word ("" where the cell is empty). */
  statusAsWritten: string;
  /** Mått as written in this row ("" where the table cell is merged with the row above). */
  measure: string;
  /** Målvärde as written in this row ("" where merged with the row above). */
  target: string;
  /**
   * Who answers the measure (plan 7.3): "municipality" where it is a question each arena answers
   * for itself ("Finns rutin?", "Finns forum?"), so every arena gives its own answer in its local
   * follow-up; otherwise the county's answer is the only one.
   */
  answeredBy?: 'county' | 'municipality';
  /**
   * The region's own work by the plan's text ("Regionintern analys …", the region's
   * habilitation): followed up by the county alone, never asked of the arenas (not in their
   * Bilaga 1, their round or their counts). See docs/plan-file.md.
   */
  regionOwn?: true;
  /**
   * A compound measure split into its questions, each answered on its own (derived from the
   * cells as written, which stay in `measure` and `target`): the ja/nej questions of the Mått
   * cell in order, and a text part the Målvärde cell asks for beside ja/nej ("Goda exempel").
   * Absent where the measure is one question. See docs/plan-file.md.
   */
  questions?: MeasureQuestion[];
  /** Retired in a revision (a retired activity retires all its sub-activities). */
  retired?: Retirement;
}

/** One question of a compound measure: answered ja/nej, or with a short text ("Goda exempel"). */
export interface MeasureQuestion {
  /** Stable within its sub-activity (an answer is stored under it). */
  id: string;
  /** The question in the plan's words, as the cell writes it. */
  text: string;
  answer: 'yesNo' | 'text';
}

/** Aktivitet: a county-wide activity of Bilaga 1. */
export interface Activity {
  id: string;
  title: string;
  period: Period;
  subActivities: SubActivity[];
  retired?: Retirement;
}

export type MeasureDirection = 'increase' | 'decrease' | 'yes';
/** How often a measure is reported: per half-year, per year, or per round of a survey made every other year (the round's year). */
export type MeasureFrequency = 'halfYearly' | 'yearly' | 'surveyRound';
export type MeasureLevel = 'county' | 'region' | 'municipality';
/** Who reports a measure's values: the county level (for every municipality too), or each municipality's arena its own. */
export type MeasureReporter = 'county' | 'arena';

/** Effektmått of Bilaga 1. */
export interface EffectMeasure {
  id: string;
  title: string;
  /** Målvärde as written. */
  target: string;
  direction: MeasureDirection;
  /** Uppföljning as written (who follows it up, and how). */
  followUp: string;
  frequency: MeasureFrequency;
  /** At which level values are reported. */
  level: MeasureLevel;
  /**
   * Who reports the values (docs/plan-file.md, "Effektmått"): 'county' — the county level
   * reports every value, one per municipality where the level is per municipality, and the
   * arenas are not asked; 'arena' (or absent) — each municipality's arena reports its own.
   */
  reportedBy?: MeasureReporter;
  /** Categories a value is split into, e.g. "Barn och unga", "Vuxna" (empty: one value). */
  breakdown: string[];
  /** Where the figure comes from, where the plan names it (Cosmic LINK, Vård och omsorgskollen, Hälsa på lika villkor). */
  source?: string;
  retired?: Retirement;
}

/** A bullet of "Vad behöver göras lokalt och verksamhetsnära": recommended to every arena. */
export interface LocalRecommendation {
  id: string;
  title: string;
  retired?: Retirement;
}

export interface Strategy {
  id: string;
  number: number;
  title: string;
  /** The target picture's quotes (målbild) under the strategy heading. */
  quotes: string[];
  effectMeasures: EffectMeasure[];
  activities: Activity[];
  localRecommendations: LocalRecommendation[];
}

export type ArenaKind = 'municipality' | 'county';

/** Lokal samverkansarena (one per municipality) or the county level. */
export interface Arena {
  id: string;
  name: string;
  kind: ArenaKind;
  /** Other names people use for it, e.g. "länet" for the county level (optional). */
  aliases?: string[];
}

export interface PlanInfo {
  id: string;
  name: string;
  /** The plan's version: 1 for the first plan, one more for every revision that is loaded. */
  version: number;
  /** ISO date this version comes into force (1.6). */
  inForceFrom: string;
  /** How often the plan is followed up, in months (1.6: "följs upp årligen"). */
  followUpIntervalMonths: number;
  /** Revision interval in years (1.6: "Revidering av planen sker var tredje år"). */
  revisionIntervalYears: number;
  /** The sentences of 1.6 that say so, word for word. */
  validityText: string;
  targetPicture: string;
  purpose: string;
  /** Vägledande principer (1.7). */
  principles: string[];
}

export interface PlanContent {
  schemaVersion: 1;
  plan: PlanInfo;
  strategies: Strategy[];
  arenas: Arena[];
}
