// Effektmått: each effect measure as a chart of its values per period (per municipality where
// reported so, per category where split), with the target direction and whether it is met.
// Loaded lazily with Chart.js, so the first page load stays small.
import { useMemo } from 'react';
import { Badge, Text, Title2, Title3 } from '@fluentui/react-components';
import { comparePeriods, frequencyLabel, periodTitle } from '../../../bot/domain/measurePeriods';
import { reportedCountText } from '../../../bot/domain/measureValues';
import type { EffectMeasureView, MeasureValueView } from '../../../bot/api/planApi';
import type { PlanApiView } from '../api';
import type { ThemeName } from '../auth';
import { arenaName, useLayout } from '../ui';
import { MeasureChart, type Series } from './MeasureChart';
import MeasureReport from './MeasureReport';

const DIRECTION = { increase: 'Ska öka', decrease: 'Ska minska', yes: 'Ska vara ja' } as const;
const LEVEL = { county: 'länet', region: 'regionen', municipality: 'varje kommun' } as const;
const TARGET = {
  met: { text: 'Målet nås', color: 'success' },
  notMet: { text: 'Målet nås inte', color: 'danger' },
  noComparison: { text: 'Inget att jämföra med', color: 'informative' },
  notReported: { text: 'Inte rapporterat', color: 'subtle' },
} as const;

const shown = (v: number | string) => (typeof v === 'number' ? v.toLocaleString('sv-SE') : v);

function seriesOf(plan: PlanApiView, values: MeasureValueView[], periods: string[]): Series[] {
  const keys = new Map<string, Series>();
  for (const v of values) {
    for (const c of v.values) {
      if (typeof c.value !== 'number') continue;
      const label = [v.arenaId === 'lan' && !c.category ? 'Länet' : v.arenaId === 'lan' ? '' : arenaName(plan, v.arenaId), c.category ?? ''].filter(Boolean).join(' – ');
      const s = keys.get(label) ?? { label, data: periods.map(() => null) };
      s.data[periods.indexOf(v.periodId)] = c.value;
      keys.set(label, s);
    }
  }
  return [...keys.values()];
}

function MeasureCard({ plan, measure, theme }: { plan: PlanApiView; measure: EffectMeasureView; theme: ThemeName }) {
  const ui = useLayout();
  const values = measure.values ?? [];
  const periods = useMemo(() => [...new Set(values.map((v) => v.periodId))].sort(comparePeriods), [values]);
  const series = useMemo(() => seriesOf(plan, values, periods), [plan, values, periods]);
  const latest = periods[periods.length - 1];
  const latestValues = values.filter((v) => v.periodId === latest);

  return (
    <article className={ui.card} data-measure={measure.id}>
      <Title3 as="h3">{measure.title}</Title3>
      <Text>
        Målvärde: {measure.target} · {DIRECTION[measure.direction]} · Följs upp {frequencyLabel(measure.frequency)} för {LEVEL[measure.level]}
      </Text>
      <Text className={ui.muted}>Uppföljning: {measure.followUp}{measure.source ? ` · källa: ${measure.source}` : ''}</Text>
      {measure.level === 'municipality' && latest && <Text>{reportedCountText(measure, values, plan.arenas, latest)}</Text>}
      {values.length === 0 && <Text>Inga värden rapporterade ännu.</Text>}
      {latest && (
        <div className={ui.filters}>
          <Text>{periodTitle(latest)}:</Text>
          {latestValues.map((v) => (
            <Badge key={v.arenaId} appearance="tint" color={TARGET[v.targetStatus].color}>
              {(v.arenaId === 'lan' ? 'Länet' : arenaName(plan, v.arenaId))}: {TARGET[v.targetStatus].text}
            </Badge>
          ))}
        </div>
      )}
      {series.length > 0 && <MeasureChart title={measure.title} periods={periods.map(periodTitle)} series={series} theme={theme} />}
      {values.length > 0 && (
        <div className={ui.scroll}>
          <table className={ui.table}>
            <caption className={ui.muted}>Rapporterade värden: {measure.title}</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Arena</th>
                <th scope="col">Värde</th>
                <th scope="col">Föregående år</th>
                <th scope="col">Mot målet</th>
                <th scope="col">Kommentar</th>
              </tr>
            </thead>
            <tbody>
              {[...values].sort((a, b) => comparePeriods(a.periodId, b.periodId)).map((v) => (
                <tr key={`${v.periodId}/${v.arenaId}`}>
                  <td>{periodTitle(v.periodId)}</td>
                  <td>{v.arenaId === 'lan' ? 'Länet' : arenaName(plan, v.arenaId)}</td>
                  <td>{v.values.map((c) => (c.category ? `${c.category}: ${shown(c.value)}` : shown(c.value))).join(', ')}</td>
                  <td>{values.filter((p) => p.arenaId === v.arenaId && p.periodId === v.comparedWith).map((p) => p.values.map((c) => shown(c.value)).join(', '))}</td>
                  <td>{TARGET[v.targetStatus].text}</td>
                  <td>{v.comment}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

export default function Measures({ plan, arena, theme, onChanged }: { plan: PlanApiView; arena?: string; theme: ThemeName; onChanged?: () => void }) {
  const ui = useLayout();
  return (
    <section className={ui.view} aria-labelledby="effektmatt-rubrik">
      <Title2 as="h2" id="effektmatt-rubrik">Effektmått</Title2>
      <MeasureReport plan={plan} {...(arena ? { arena } : {})} {...(onChanged ? { onChanged } : {})} />
      {arena && arena !== 'lan' && <Text>Värden per kommun visas för alla kommuner; {arenaName(plan, arena)} ingår.</Text>}
      {plan.strategies.map((s) => (
        <div key={s.id} className={ui.section}>
          <Text as="p" weight="semibold">Strategi {s.number}: {s.title}</Text>
          {s.effectMeasures.map((m) => <MeasureCard key={m.id} plan={plan} measure={m} theme={theme} />)}
        </div>
      ))}
    </section>
  );
}
