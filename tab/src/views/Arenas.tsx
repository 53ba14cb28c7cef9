// Arenor: the eight arenas × the plan's recommended local activities (adopted or not, and their
// status), every arena's own follow-up of Bilaga 1 (plan 7.3), and each arena's own activities.
import { Button } from '@fluentui/react-button';
import { Text, Title2, Title3 } from '@fluentui/react-text';
import type { ActivityView } from '../../../bot/domain/planView';
import { STATUSES, type StatusId } from '../../../bot/domain/status';
import type { PlanApiView } from '../api';
import { isOverdue } from '../../../bot/domain/overview';
import { OverdueBadge, StatusBadge, useLayout } from '../ui';
import { LocalFollowUp } from './LocalFollowUp';
import { SubActivityTable, type EditProps } from './SubActivityTable';

/** The status an adopted activity shows in the matrix: the least advanced of its sub-activities. */
function summaryStatus(activity: ActivityView): StatusId | undefined {
  const order: StatusId[] = ['uppdrag_behovs', 'ej_paborjat', 'pagar', 'klar', 'avbruten'];
  const present = new Set(activity.subActivities.map((d) => d.status));
  return order.find((s) => present.has(s));
}

export default function Arenas({ plan, arena, onEditLocal, ...edit }: EditProps & { plan: PlanApiView; arena?: string; onEditLocal?: (activity: ActivityView, opener: HTMLElement) => void }) {
  const ui = useLayout();
  const municipalities = plan.arenas.filter((a) => a.kind === 'municipality');
  const sections = municipalities.filter((a) => !arena || a.id === arena || !municipalities.some((m) => m.id === arena));

  return (
    <section className={ui.view} aria-labelledby="arenor-rubrik">
      <Title2 as="h2" id="arenor-rubrik">Arenor</Title2>
      <Text>Vad behöver göras lokalt och verksamhetsnära: planens rekommendationer och vilka arenor som har antagit dem.</Text>
      <div className={ui.stack}>
        <table className={ui.table}>
          <caption className={ui.muted}>Rekommenderade lokala aktiviteter per arena</caption>
          <thead>
            <tr>
              <th scope="col">Rekommendation</th>
              {municipalities.map((a) => <th key={a.id} scope="col">{a.name}</th>)}
            </tr>
          </thead>
          <tbody>
            {plan.strategies.flatMap((s) =>
              s.localRecommendations.map((r) => (
                <tr key={r.id} data-recommendation={r.id}>
                  <th scope="row" data-first="">
                    <span className={ui.muted}>Strategi {s.number}: </span>
                    {r.title}
                  </th>
                  {municipalities.map((a) => {
                    const adopted = a.activities.find((x) => x.recommendationId === r.id);
                    const status = adopted && summaryStatus(adopted);
                    const late = adopted?.subActivities.some((d) => isOverdue(adopted, d, edit.today));
                    return (
                      <td key={a.id} data-label={a.name}>
                        {adopted?.subActivities.some((d) => d.endedLocally) ? (
                          <span data-ended="">Avslutad lokalt</span>
                        ) : adopted ? (
                          <span className={ui.badges}>
                            {status ? <StatusBadge status={status} /> : 'Antagen'}
                            {late && <OverdueBadge />}
                          </span>
                        ) : (
                          <span className={ui.muted}>Ej antagen</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
      <Text className={ui.muted}>Status i matrisen: den minst framskridna av aktivitetens delaktiviteter ({STATUSES.map((s) => s.label).join(', ')}).</Text>
      <LocalFollowUp plan={plan} {...(arena ? { arena } : {})} edit={edit} />
      {sections.map((a) => (
        <div key={a.id} className={ui.section} data-arena={a.id}>
          <Title3 as="h3">{a.name}</Title3>
          {a.activities.length === 0 && <Text>{a.name} har inga lokala aktiviteter ännu.</Text>}
          {a.activities.map((activity) => {
            const ended = activity.subActivities.find((d) => d.endedLocally)?.endedLocally;
            return (
              <article key={activity.id} className={ui.card} data-local-activity={activity.id}>
                <h4>{activity.title}</h4>
                <Text className={ui.muted}>
                  {activity.recommendationId ? 'Antagen från planens rekommendation' : 'Egen aktivitet'} · Strategi {plan.strategies.find((s) => s.id === activity.strategyId)?.number ?? ''} · Prioritet {activity.period.label}
                </Text>
                {ended && <Text data-ended="">Avslutad lokalt: {ended}</Text>}
                {edit.mayChange(a.id) && onEditLocal && (
                  <div>
                    <Button size="small" onClick={(e) => onEditLocal(activity, e.currentTarget)} aria-label={`Ändra aktiviteten ${activity.title}`}>Ändra aktiviteten</Button>
                  </div>
                )}
                <SubActivityTable activity={activity} subs={activity.subActivities} {...edit} />
              </article>
            );
          })}
        </div>
      ))}
    </section>
  );
}
