// Effektmått: each effect measure as a chart of its values per period (per municipality where
// reported so, per category where split), with the target direction and whether it is met.
// Loaded lazily with Chart.js, so the first page load stays small.
import { useMemo, useState } from 'react';
import { Field } from '@fluentui/react-field';
import { Select } from '@fluentui/react-select';
import { Badge } from '@fluentui/react-badge';
import { Subtitle1, Text, Title2, Title3 } from '@fluentui/react-text';
import { comparePeriods, frequencyLabel, periodTitle } from '../../../bot/domain/measurePeriods';
import { COUNTY_FIGURE_TEXT, formatAmount, REPORTED_BY_COUNTY_TEXT, reportedCountText } from '../../../bot/domain/measureValues';
import type { EffectMeasureView, MeasureValueView } from '../../../bot/api/planApi';
import type { PlanApiView } from '../api';
import type { ThemeName } from '../auth';
import { arenaName, useLayout, levelName, isCounty } from '../ui';
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

/**
 * Who a value is for, as the view names it: "Hela länet" for the county figure of a
 * per-municipality measure, "Länet" for a county measure; a value stored at a level the measure
 * no longer has (kept, never dropped) says so.
 */
function valueName(plan: PlanApiView, measure: Pick<EffectMeasureView, 'level'>, arenaId: string): string {
  const county = isCounty(plan, arenaId);
  if (measure.level === 'municipality') return county ? COUNTY_FIGURE_TEXT : arenaName(plan, arenaId);
  return county ? levelName(plan, arenaId) : `${arenaName(plan, arenaId)} (rapporterat per kommun, tidigare nivå)`;
}

function seriesOf(plan: PlanApiView, measure: Pick<EffectMeasureView, 'level'>, values: MeasureValueView[], periods: string[]): Series[] {
  const keys = new Map<string, Series>();
  for (const v of values) {
    for (const c of v.values) {
      if (typeof c.value !== 'number') continue;
      const label = [isCounty(plan, v.arenaId) && c.category && measure.level !== 'municipality' ? '' : valueName(plan, measure, v.arenaId), c.category ?? ''].filter(Boolean).join(' – ');
      const s = keys.get(label) ?? { label, data: periods.map(() => null) };
      s.data[periods.indexOf(v.periodId)] = c.value;
      keys.set(label, s);
    }
  }
  return [...keys.values()];
}

/**
 * Where one series is more than five times another's largest value, the smaller ones would lie flat
 * on the floor: the larger get an axis of their own, on the right.
 */
function withAxes(series: Series[]): { series: Series[]; axisTitles?: { y: string; y1: string } } {
  const top = series.map((s) => Math.max(0, ...s.data.map((v) => v ?? 0)));
  const highest = Math.max(...top);
  const lowest = Math.min(...top.filter((t) => t > 0));
  if (series.length < 2 || !(lowest > 0) || highest / lowest <= 5) return { series };
  const large = (i: number) => top[i]! > Math.sqrt(highest * lowest);
  const names = (big: boolean) => series.filter((_, i) => large(i) === big).map((s) => s.label).join(', ');
  return { series: series.map((s, i) => (large(i) ? { ...s, axis: 'y1' as const } : s)), axisTitles: { y: names(false), y1: names(true) } };
}

function MeasureCard({ plan, measure: all, theme, arena }: { plan: PlanApiView; measure: EffectMeasureView; theme: ThemeName; arena?: string }) {
  const ui = useLayout();
  // One arena chosen: its values, with the county's beside them.
  const values = useMemo(() => (all.values ?? []).filter((v) => !arena || v.arenaId === arena || isCounty(plan, v.arenaId)), [all.values, arena, plan]);
  const measure = all;
  const periods = useMemo(() => [...new Set(values.map((v) => v.periodId))].sort(comparePeriods), [values]);
  const chart = useMemo(() => withAxes(seriesOf(plan, measure, values, periods)), [plan, measure, values, periods]);
  const series = chart.series;
  const periodTitles = useMemo(() => periods.map(periodTitle), [periods]);
  const latest = periods[periods.length - 1];
  const latestValues = values.filter((v) => v.periodId === latest);
  // "x av 8 kommuner har rapporterat" for every period, newest first.
  const reporting = measure.level === 'municipality' ? [...periods].reverse().map((p) => ({ period: p, text: reportedCountText(measure, values, plan.arenas, p) })) : [];

  return (
    <article className={ui.card} data-measure={measure.id}>
      <Subtitle1 as="h4">{measure.title}</Subtitle1>
      <Text>
        Målvärde: {measure.target} · {DIRECTION[measure.direction]} · Följs upp {frequencyLabel(measure.frequency)} för {LEVEL[measure.level]}
      </Text>
      <Text className={ui.muted}>Uppföljning: {measure.followUp}{measure.source ? ` · källa: ${measure.source}` : ''}{measure.reportedBy === 'county' ? ` · ${REPORTED_BY_COUNTY_TEXT}` : ''}</Text>
      {values.length === 0 && <Text>Inga värden rapporterade ännu.</Text>}
      {latest && (
        <div className={ui.filters}>
          <Text>{periodTitle(latest)}:</Text>
          {latestValues.map((v) => (
            <Badge key={v.arenaId} appearance="tint" color={TARGET[v.targetStatus].color} style={{ whiteSpace: "nowrap" }}>
              {valueName(plan, measure, v.arenaId)}: {TARGET[v.targetStatus].text}
            </Badge>
          ))}
        </div>
      )}
      {reporting.length > 0 && (
        <ul className={ui.details} aria-label="Rapporterat per period">
          {reporting.map((r) => <li key={r.period}>{r.text}</li>)}
        </ul>
      )}
      {/* One period is a value, not a chart: it stands in the table below. */}
      {series.length > 0 && periods.length > 1 && <MeasureChart title={measure.title} periods={periodTitles} series={series} theme={theme} {...(chart.axisTitles ? { axisTitles: chart.axisTitles } : {})} />}
      {values.length > 0 && (
        <div className={ui.stack}>
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
                  <td data-first="">{periodTitle(v.periodId)}</td>
                  <td data-label="Arena">{valueName(plan, measure, v.arenaId)}</td>
                  <td data-label="Värde">{v.values.map((c) => (c.category ? `${c.category}: ${formatAmount(c.value, c.decimals)}` : formatAmount(c.value, c.decimals))).join(', ')}</td>
                  <td data-label="Föregående år">{values.filter((p) => p.arenaId === v.arenaId && p.periodId === v.comparedWith).map((p) => p.values.map((c) => formatAmount(c.value, c.decimals)).join(', '))}</td>
                  <td data-label="Mot målet">{TARGET[v.targetStatus].text}</td>
                  <td data-label={v.comment ? 'Kommentar' : undefined}>{v.comment}</td>
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
  const [measureFilter, setMeasureFilter] = useState('');
  const [arenaFilter, setArenaFilter] = useState('');
  const chosenArena = arenaFilter && !isCounty(plan, arenaFilter) ? arenaFilter : undefined;
  const report = <MeasureReport plan={plan} {...(arena ? { arena } : {})} {...(onChanged ? { onChanged } : {})} />;
  const strategies = plan.strategies.map((s) => ({ ...s, effectMeasures: s.effectMeasures.filter((m) => !measureFilter || m.id === measureFilter) })).filter((s) => s.effectMeasures.length > 0);
  return (
    <section className={ui.view} aria-labelledby="effektmatt-rubrik">
      <Title2 as="h2" id="effektmatt-rubrik">Effektmått</Title2>
      <div className={ui.filterGrid} role="search" aria-label="Urval av effektmått">
        <Field label="Visa effektmått">
          <Select value={measureFilter} onChange={(_e, d) => setMeasureFilter(d.value)}>
            <option value="">Alla</option>
            {plan.strategies.flatMap((s) => s.effectMeasures).map((m) => <option key={m.id} value={m.id}>{m.title}</option>)}
          </Select>
        </Field>
        <Field label="Visa värden för" hint={chosenArena ? 'Med hela länets värde bredvid, där länet har rapporterat registrets siffra för länet.' : undefined}>
          <Select value={arenaFilter} onChange={(_e, d) => setArenaFilter(d.value)}>
            <option value="">Alla arenor</option>
            {plan.arenas.filter((a) => !isCounty(plan, a.id)).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </Select>
        </Field>
      </div>
      {!measureFilter && report}
      {arena && !isCounty(plan, arena) && !chosenArena && <Text>Värden per kommun visas för alla kommuner; {arenaName(plan, arena)} ingår.</Text>}
      {strategies.map((s) => (
        <div key={s.id} className={ui.section}>
          <Title3 as="h3">Strategi {s.number}: {s.title}</Title3>
          {s.effectMeasures.map((m) => <MeasureCard key={m.id} plan={plan} measure={m} theme={theme} {...(chosenArena ? { arena: chosenArena } : {})} />)}
        </div>
      ))}
      {/* One measure chosen: its chart and values first, within the first screen; reporting after. */}
      {measureFilter && report}
    </section>
  );
}
