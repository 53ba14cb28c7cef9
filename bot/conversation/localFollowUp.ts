// "lokalt": the arenas' own follow-up of Bilaga 1 side by side (plan 7.3), read-only wherever it
// is asked: the county's overview of how the county-wide activities are implemented locally.
import { localFollowUpCard, type LocalFollowUpRow } from '../cards/localFollowUpCard';
import type { Feature } from './feature';
import { cards, type ArenaTurn, type Reply } from './turn';

async function localFollowUpReply(at: ArenaTurn, command: { kind: string; page?: number }): Promise<Reply> {
  const { bilaga1, arenas } = await at.services.plan.localFollowUp();
  // The region's own work is not followed up locally: no row of arenas for it.
  const rows: LocalFollowUpRow[] = bilaga1.flatMap((activity) =>
    activity.subActivities.filter((sub) => !sub.regionOwn).map((sub) => ({
      activity,
      sub,
      cells: arenas.map((a) => ({ arena: a.arena, sub: a.bilaga1.flatMap((x) => x.subActivities).find((d) => d.id === sub.id)! })),
    })),
  );
  return cards(localFollowUpCard(rows, command.page ?? 1, at.services.links.tab('arenor', at.arena.id)));
}

export const localFollowUpFeature: Feature = {
  commands: { localFollowUp: (at, command) => localFollowUpReply(at, command) },
};
