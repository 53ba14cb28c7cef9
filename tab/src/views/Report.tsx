// Årsrapport: the yearly follow-up report for the county level's meeting, laid out for print
// (the browser's "print to PDF"): progress per strategy, every county-wide activity with its
// status, overdue work, each arena's adopted activities and the latest effect-measure values.
import { Button, Text, Title2, Title3 } from '@fluentui/react-components';
import { formatDate } from '../../../bot/domain/format';
import { periodTitle } from '../../../bot/domain/measurePeriods';
import { overdueItems, progressByStrategy, stockholmYear } from '../../../bot/domain/overview';
import { STATUSES } from '../../../bot/domain/status';
import type { PlanApiView } from '../api';
import { useLayout, levelName } from '../ui';

const TARGET = { met: 'Målet nås', notMet: 'Målet nås inte', noComparison: 'Inget att jämföra med', notReported: 'Inte rapporterat' } as const;

export default function Report({ plan, today }: { plan: PlanApiView; today: Date }) {
  const ui = useLayout();
  const county = plan.strategies.flatMap((s) => s.activities);
  const progress = progressByStrategy(plan.strategies, county, today);
  const overdue = overdueItems(county, today);
  const municipalities = plan.arenas.filter((a) => a.kind === 'municipality');

  return (
    <section className={ui.view} aria-labelledby="rapport-rubrik">
      <div className="no-print">
        <Button appearance="primary" onClick={() => window.print()}>Skriv ut eller spara som PDF</Button>
      </div>
      <Title2 as="h2" id="rapport-rubrik">Uppföljning {stockholmYear(today)}: {plan.plan.name}</Title2>
      <Text>Sammanställd {formatDate(today.toISOString())}. Målbild: {plan.plan.targetPicture}.</Text>

      <Title3 as="h3">Status per strategi</Title3>
      <div className={ui.stack}>
      <table className={ui.table}>
        <thead>
          <tr>
            <th scope="col">Strategi</th>
            {STATUSES.map((s) => <th key={s.id} scope="col">{s.label}</th>)}
            <th scope="col">Försenade</th>
          </tr>
        </thead>
        <tbody>
          {progress.map((p) => (
            <tr key={p.strategyId}>
              <th scope="row" data-first="">{p.number}. {p.title}</th>
              {STATUSES.map((s) => <td key={s.id} data-label={s.label} data-inline="">{p.counts[s.id]}</td>)}
              <td data-label="Försenade" data-inline="">{p.overdue}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>

      <Title3 as="h3">Försenade delaktiviteter</Title3>
      {overdue.length === 0 ? <Text>Inga delaktiviteter är försenade.</Text> : (
        <ul>
          {overdue.map(({ activity, sub }) => <li key={sub.id}>{sub.title} ({activity.title}, prioritet {activity.period.label}): {sub.statusLabel}</li>)}
        </ul>
      )}

      {plan.strategies.map((s) => (
        <div key={s.id} className={`${ui.section} print-page-break`}>
          <Title3 as="h3">Strategi {s.number}: {s.title}</Title3>
          <div className={ui.stack}>
          <table className={ui.table}>
            <thead>
              <tr>
                <th scope="col">Aktivitet / delaktivitet</th>
                <th scope="col">Prioritet</th>
                <th scope="col">Status</th>
                <th scope="col">Statusanteckning</th>
                <th scope="col">Svar på mått</th>
              </tr>
            </thead>
            <tbody>
              {s.activities.flatMap((a) =>
                a.subActivities.map((d) => (
                  <tr key={d.id}>
                    <td data-first="">{a.title}: {d.title}</td>
                    <td data-label="Prioritet">{a.period.label}</td>
                    <td data-label="Status">{d.statusLabel}</td>
                    <td data-label={d.statusNote ? 'Statusanteckning' : undefined}>{d.statusNote}</td>
                    <td data-label={d.measureAnswer ? 'Svar på mått' : undefined}>{d.measureAnswer}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
          </div>
          <Text weight="semibold">Effektmått</Text>
          <ul>
            {s.effectMeasures.map((m) => {
              const values = m.values ?? [];
              const last = values.reduce<string | undefined>((acc, v) => (!acc || v.periodId > acc ? v.periodId : acc), undefined);
              return (
                <li key={m.id}>
                  {m.title} (målvärde: {m.target}):{' '}
                  {last ? `${periodTitle(last)} – ${values.filter((v) => v.periodId === last).map((v) => `${levelName(plan, v.arenaId)}: ${TARGET[v.targetStatus]}`).join('; ')}` : 'inga värden rapporterade'}
                </li>
              );
            })}
          </ul>
        </div>
      ))}

      <div className={`${ui.section} print-page-break`}>
        <Title3 as="h3">Lokala aktiviteter per arena</Title3>
        {municipalities.map((a) => (
          <p key={a.id}>
            <strong>{a.name}:</strong>{' '}
            {a.activities.length === 0 ? 'inga lokala aktiviteter ännu.' : a.activities.map((x) => `${x.title} (${x.subActivities.map((d) => d.statusLabel).join(', ')})`).join('; ')}
          </p>
        ))}
      </div>
    </section>
  );
}
