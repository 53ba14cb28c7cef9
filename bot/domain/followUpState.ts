// The plan's follow-up as of one moment: what the yearly report (plan 1.6: "följs upp årligen i
// länsgemensam samverkan") is made of. Either live (read from the stores now) or frozen: when the
// county closes a follow-up round, this is what is stored as the round's snapshot and never
// changed afterwards, so that the closed round's report reads the same next year.
import type { Arena } from './plan';
import type { MeasureValue } from './measureValues';
import type { ActivityView } from './planView';

/** An arena's submission (inlämning) in a round: who, when, and what they wrote. */
export interface Submission {
  arenaId: string;
  submittedAt: string;
  submittedBy: string;
  submittedById: string;
  comment: string;
  /** 1 for the first submission, +1 each time the arena submits again. */
  version: number;
}

/** The county's analysis of one strategy in a round (text written in the tab). */
export interface StrategyAnalysis {
  strategyId: string;
  text: string;
  updatedAt: string;
  updatedBy: string;
}

export interface ArenaFollowUpState {
  arena: Arena;
  /** The arena's own local activities, with live (or frozen) state, without history. */
  local: ActivityView[];
  /** Bilaga 1 as the arena followed it up (SubActivityView.kind "followUp", county status beside). */
  bilaga1: ActivityView[];
  submission?: Submission;
}

export interface FollowUpState {
  /** ISO time the state was read (live) or frozen (the round's closing). */
  takenAt: string;
  /** The days the follow-up covers, YYYY-MM-DD, both included (Europe/Stockholm). */
  period: { from: string; to: string };
  /** The county's Bilaga 1 with its own state. */
  county: ActivityView[];
  /** Every municipality arena (plan order). */
  arenas: ArenaFollowUpState[];
  /** Every reported effect-measure value (all periods: the report compares years). */
  measureValues: MeasureValue[];
  /** The county's analysis per strategy (empty when read live outside a round). */
  analysis: StrategyAnalysis[];
}
