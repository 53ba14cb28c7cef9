// The bot's help text, in the plan's own words.
import type { PlanView } from './planView';

export interface PlanSummary {
  planName: string;
  targetPicture: string;
  strategies: number;
  activities: number;
  subActivities: number;
  effectMeasures: number;
  localRecommendations: number;
}

export function summarise(view: PlanView): PlanSummary {
  const sum = (f: (s: PlanView['strategies'][number]) => number) => view.strategies.reduce((n, s) => n + f(s), 0);
  return {
    planName: view.plan.name,
    targetPicture: view.plan.targetPicture,
    strategies: view.strategies.length,
    activities: sum((s) => s.activities.length),
    subActivities: sum((s) => s.activities.reduce((n, a) => n + a.subActivities.length, 0)),
    effectMeasures: sum((s) => s.effectMeasures.length),
    localRecommendations: sum((s) => s.localRecommendations.length),
  };
}

export function helpText(s: PlanSummary): string {
  return [
    `**${s.planName}** – "${s.targetPicture}"`,
    '',
    `Jag håller reda på planens ${s.strategies} strategier, ${s.activities} länsövergripande aktiviteter med ` +
      `${s.subActivities} delaktiviteter, ${s.effectMeasures} effektmått och ${s.localRecommendations} rekommenderade lokala aktiviteter.`,
    '',
    'Skriv **hjälp** när du vill se det här igen.',
  ].join('\n');
}
