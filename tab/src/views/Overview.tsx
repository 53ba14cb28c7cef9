// Översikt: the target picture, the five strategies with their quotes, and per strategy the
// progress of its activities (counts per status, overdue) for the county and per arena.
import { Subtitle1, Text, Title2, Title3 } from '@fluentui/react-components';
import { progressByStrategy } from '../../../bot/domain/overview';
import { STATUSES } from '../../../bot/domain/status';
import type { PlanApiView } from '../api';
import { useLayout } from '../ui';

export function Overview({ plan, today }: { plan: PlanApiView; today: Date }) {
  const ui = useLayout();
  const county = plan.strategies.flatMap((s) => s.activities);
  const countyProgress = progressByStrategy(plan.strategies, county, today);
  const arenaProgress = plan.arenas
    .filter((a) => a.kind === 'municipality')
    .map((a) => ({ arena: a, progress: progressByStrategy(plan.strategies, a.activities, today) }));

  return (
    <section className={ui.view} aria-labelledby="oversikt-rubrik">
      <div className={ui.section}>
        <Title2 as="h2" id="oversikt-rubrik">Målbild: {plan.plan.targetPicture}</Title2>
        <Text>{plan.plan.purpose}</Text>
      </div>
      {plan.strategies.map((s, i) => {
        const p = countyProgress[i]!;
        return (
          <article key={s.id} className={ui.card} aria-labelledby={`strategi-${s.id}`}>
            <Title3 as="h3" id={`strategi-${s.id}`}>Strategi {s.number}: {s.title}</Title3>
            {s.quotes.map((q) => (
              <blockquote key={q} className={ui.quote}>”{q}”</blockquote>
            ))}
            <Subtitle1 as="h4">Aktiviteternas status</Subtitle1>
            <div className={ui.scroll}>
              <table className={ui.table}>
                <caption className={ui.muted}>Delaktiviteter per status, strategi {s.number}</caption>
                <thead>
                  <tr>
                    <th scope="col">Nivå</th>
                    {STATUSES.map((st) => <th key={st.id} scope="col">{st.label}</th>)}
                    <th scope="col">Försenade</th>
                    <th scope="col">Totalt</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">Länsgemensamt (Bilaga 1)</th>
                    {STATUSES.map((st) => <td key={st.id}>{p.counts[st.id]}</td>)}
                    <td>{p.overdue}</td>
                    <td>{p.total}</td>
                  </tr>
                  {arenaProgress.map(({ arena, progress }) => {
                    const ap = progress[i]!;
                    return (
                      <tr key={arena.id}>
                        <th scope="row">{arena.name}</th>
                        {STATUSES.map((st) => <td key={st.id}>{ap.counts[st.id]}</td>)}
                        <td>{ap.overdue}</td>
                        <td>{ap.total}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </article>
        );
      })}
    </section>
  );
}
