// Lokal uppföljning av Bilaga 1 (plan 7.3), a section of Arenor: Bilaga 1 sub-activity × the arenas, each cell the arena's own
// status and answer, with a summary per row ("Uppföljd i 3 av 8 kommuner · ja i 2 av 8"). In an
// arena's channel tab, that arena's column comes first. The cells of an arena the viewer may change
// have Uppdatera: the same dialog and PATCH as everywhere else.
import { Button } from '@fluentui/react-button';
import { Text, Title3 } from '@fluentui/react-text';
import { NOT_FOLLOWED_UP } from '../../../bot/domain/followUp';
import { localSummary, type LocalCell } from '../../../bot/domain/localFollowUp';
import { answerText } from '../../../bot/domain/measureQuestions';
import type { ActivityView, SubActivityView } from '../../../bot/domain/planView';
import type { PlanApiView } from '../api';
import { StatusBadge, useLayout } from '../ui';
import type { EditProps } from './SubActivityTable';
import { WORDS } from '../../../bot/domain/glossary';

interface FollowUpCell {
  activity: ActivityView;
  sub: SubActivityView;
}

function Cell({ cell, arenaName, edit }: { cell: FollowUpCell | undefined; arenaName: string; edit?: Pick<EditProps, 'onEdit'> }) {
  const ui = useLayout();
  const sub = cell?.sub;
  const shown = sub?.notApplicable ? <span data-not-applicable="" title={sub.notApplicable}>Ej aktuellt lokalt: {sub.notApplicable}</span> : !sub || !sub.followedUp ? <span className={ui.muted}>Ej uppföljd</span> : (
    <>
      <StatusBadge status={sub.status} />
      {answerText(sub) && <span>Svar: {answerText(sub)}</span>}
    </>
  );
  return (
    <span className={ui.badges}>
      {shown}
      {cell && edit && !sub?.retired && (
        <Button size="small" onClick={(e) => edit.onEdit(cell.activity, cell.sub, e.currentTarget)} aria-label={`Uppdatera ${arenaName}s uppföljning av ${cell.sub.title} (${cell.activity.title})`}>
          Uppdatera
        </Button>
      )}
    </span>
  );
}

/** A section of Arenor: Bilaga 1 as the arenas follow it up. */
export function LocalFollowUp({ plan, arena, edit }: { plan: PlanApiView; arena?: string; edit?: Pick<EditProps, 'mayChange' | 'onEdit'> }) {
  const ui = useLayout();
  const municipalities = plan.arenas.filter((a) => a.kind === 'municipality');
  const columns = [...municipalities.filter((a) => a.id === arena), ...municipalities.filter((a) => a.id !== arena)];
  const followUp = new Map(
    columns.map((a) => [a.id, new Map(a.bilaga1.flatMap((activity) => activity.subActivities.map((sub) => [sub.id, { activity, sub }] as const)))] as const),
  );

  return (
    <section className={ui.section} aria-labelledby="lokalt-rubrik" data-local-follow-up="">
      <Title3 as="h3" id="lokalt-rubrik">Lokal uppföljning av Bilaga 1</Title3>
      <Text>
        Varje arena följer upp {WORDS.bilaga1Definite} i Bilaga 1 på verksamhetsnära nivå (planens avsnitt 7.3). Här står arenornas egen status och, där varje
        kommun besvarar måttet själv, deras svar. {NOT_FOLLOWED_UP}: arenan har inte följt upp delaktiviteten ännu.
      </Text>
      {plan.strategies.map((s) => (
        <div key={s.id} className={ui.section}>
          <h4>
            {s.number}. {s.title}
          </h4>
          <div className={ui.stack}>
            <table className={ui.table} data-local-matrix={s.id}>
              <caption className={ui.muted}>Strategi {s.number}: varje delaktivitet per arena</caption>
              <thead>
                <tr>
                  <th scope="col">Delaktivitet</th>
                  {columns.map((a) => <th key={a.id} scope="col">{a.name}</th>)}
                </tr>
              </thead>
              <tbody>
                {s.activities.flatMap((activity) =>
                  // The region's own work is not followed up locally: no row of arenas for it.
                  activity.subActivities.filter((sub) => !sub.regionOwn).map((sub) => {
                    const cells: LocalCell[] = columns.map((a) => ({ arena: a, sub: followUp.get(a.id)?.get(sub.id)?.sub ?? { followedUp: false, statusLabel: '', measureAnswer: '', updatedAt: null } }));
                    return (
                      <tr key={sub.id} data-sub={sub.id}>
                        <th scope="row" data-first="">
                          <span className={ui.muted}>{activity.title}: </span>
                          {sub.title}
                          <div className={ui.muted}>{localSummary(sub, cells).text}</div>
                        </th>
                        {columns.map((a) => (
                          <td key={a.id} data-label={a.name} data-arena-cell={a.id}>
                            <Cell cell={followUp.get(a.id)?.get(sub.id)} arenaName={a.name} {...(edit?.mayChange(a.id) ? { edit } : {})} />
                          </td>
                        ))}
                      </tr>
                    );
                  }),
                )}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </section>
  );
}
