// The plan's follow-up as it stands now (bot/domain/followUpState.ts): what a yearly report of an
// open round, or of a year without a round, is made of, and what a round freezes when it closes.
// One query for every arena's plan (the county's and each municipality's rows at once), one for the
// measure values.
import type { FollowUpState, StrategyAnalysis, Submission } from '../domain/followUpState';
import type { MeasureStore } from '../storage/measureStore';
import type { PlanStore } from '../storage/planStore';

export interface FollowUpStateDeps {
  plan: Pick<PlanStore, 'content' | 'arenaPlan' | 'arenaPlans'>;
  measures: Pick<MeasureStore, 'allCurrent'>;
  now: () => Date;
}

export async function liveFollowUpState(
  deps: FollowUpStateDeps,
  period: FollowUpState['period'],
  extra: { submissions?: Submission[]; analysis?: StrategyAnalysis[] } = {},
): Promise<FollowUpState> {
  const content = await deps.plan.content();
  const county = content.arenas.find((a) => a.kind === 'county');
  if (!county) throw new Error('The plan has no county arena');
  const municipalities = content.arenas.filter((a) => a.kind !== 'county');
  const [plans, values] = await Promise.all([deps.plan.arenaPlans(content.arenas), deps.measures.allCurrent()]);
  const submissions = new Map((extra.submissions ?? []).map((s) => [s.arenaId, s]));
  return {
    takenAt: deps.now().toISOString(),
    period,
    county: plans.get(county.id)!.bilaga1,
    arenas: municipalities.map((arena) => {
      const submission = submissions.get(arena.id);
      const plan = plans.get(arena.id)!;
      return { arena, local: plan.local, bilaga1: plan.bilaga1, ...(submission ? { submission } : {}) };
    }),
    // The stored records carry an ETag; the state (and a snapshot of it) holds the values only.
    measureValues: values.map(({ etag: _etag, ...value }) => value),
    analysis: extra.analysis ?? [],
  };
}
