// Årsrapport: the yearly report the county sends to SVOM (GET /api/report/{year}), for a chosen
// year: the closed round's snapshot of that year, or the state now. Sammanfattning, Effektmått
// (table and chart per measure), Förändringar under perioden, Per arena and Analys; Word and
// Excel made on the server; "Skriv ut" prints it light with page numbers (tab.css, the report block).
import { useEffect, useMemo, useState } from 'react';
// Straight from their packages, so that they stay in this view's chunk (see Revision.tsx).
import { Button } from '@fluentui/react-button';
import { MessageBar, MessageBarBody } from '@fluentui/react-message-bar';
import { Select } from '@fluentui/react-select';
import { Text, Title2, Title3 } from '@fluentui/react-text';
import { formatDate, formatDateTime } from '../../../bot/domain/format';
import type { HistoryEvent } from '../../../bot/domain/historyEvents';
import { formatChange, measureRowsShown, measureSummaryText, setAsideLines, sourceText, submissionText, SUMMARY_COLUMNS, TARGET_LABEL, type MeasureReport, type ReportSubRow, type StrategySummary } from '../../../bot/domain/report';
import type { ThemeName } from '../auth';
import { downloadReport, fetchReport, fetchReportYears, type Report as ReportModel, type ReportYears } from '../reportApi';
import { Loading, useLayout } from '../ui';
import { readParam, writeParams } from '../urlState';
import { MeasureChart, type Series } from './MeasureChart';
import { usePrinting } from './printPages';
import { ReportPrintStyle } from './ReportPrint';

export default function Report({ today, theme }: { today: Date; theme: ThemeName }) {
  const printing = usePrinting();
  const ui = useLayout();
  const [years, setYears] = useState<ReportYears>();
  const [year, setYear] = useState<number>(() => Number(readParam('ar')) || Number(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(today)));
  const [report, setReport] = useState<ReportModel>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState<'docx' | 'xlsx'>();

  useEffect(() => {
    fetchReportYears().then(setYears).catch(() => undefined);
  }, []);
  useEffect(() => {
    let stale = false;
    setReport(undefined);
    setProblem(undefined);
    fetchReport(year)
      .then((r) => !stale && setReport(r))
      .catch((e: unknown) => !stale && setProblem(e instanceof Error ? e.message : String(e)));
    return () => {
      stale = true;
    };
  }, [year]);

  const choose = (next: number) => {
    setYear(next);
    writeParams({ ar: String(next) });
  };
  const download = async (format: 'docx' | 'xlsx') => {
    setBusy(format);
    try {
      await downloadReport(year, format);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(undefined);
    }
  };
  const options = years?.years ?? [{ year, round: null }];

  return (
    <section className={ui.view} aria-labelledby="rapport-rubrik" data-report="">
      <ReportPrintStyle />
      <div className={`${ui.filters} no-print`} role="group" aria-label="Välj och ladda ned rapporten">
        <div className={ui.section}>
          <label htmlFor="rapport-ar">År</label>
          <Select id="rapport-ar" value={String(year)} onChange={(_e, d) => choose(Number(d.value))}>
            {options.map((y) => (
              <option key={y.year} value={y.year}>{y.round === 'closed' ? `Uppföljning ${y.year} (stängd)` : y.round === 'open' ? `Uppföljning ${y.year} (pågår, läget nu)` : `${y.year} (läget nu)`}</option>
            ))}
          </Select>
        </div>
        <Button onClick={() => void download('docx')} disabledFocusable={!report || busy !== undefined}>{busy === 'docx' ? 'Skapar Word …' : 'Ladda ned Word'}</Button>
        <Button onClick={() => void download('xlsx')} disabledFocusable={!report || busy !== undefined}>{busy === 'xlsx' ? 'Skapar Excel …' : 'Ladda ned Excel'}</Button>
        <Button appearance="primary" onClick={() => window.print()} disabled={!report}>Skriv ut</Button>
      </div>
      {problem && (
        <MessageBar intent="error" className="no-print">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {!report && !problem && <Loading label="Laddar rapporten …" />}
      {/* On paper in the light theme: a high-contrast chart's white lines would not show on white. */}
      {report && <ReportBody report={report} theme={printing ? 'default' : theme} />}
    </section>
  );
}

function ReportBody({ report, theme }: { report: ReportModel; theme: ThemeName }) {
  const ui = useLayout();
  const arena = (id: string) => report.arenaNames[id] ?? id;
  return (
    <article className={ui.view} data-report-body="">
      <header className={ui.section}>
        <Title2 as="h2" id="rapport-rubrik">{report.title}</Title2>
        <Text>{report.planName}</Text>
        <Text>{sourceText(report)}</Text>
      </header>

      <section className={ui.section} aria-labelledby="r-sammanfattning">
        <Title3 as="h3" id="r-sammanfattning">Sammanfattning</Title3>
        <Text>
          Delaktiviteterna i Bilaga 1 per strategi och status.{report.previous ? ` Inom parentes: förändringen sedan ${report.previous.name}.` : ''} Ej uppföljda: ingen har följt upp dem sedan planen antogs.
        </Text>
        <div className={ui.stack}>
          <table className={ui.table}>
            <thead>
              <tr>
                <th scope="col">Strategi</th>
                {SUMMARY_COLUMNS.map((c) => <th key={c.key} scope="col">{c.label}</th>)}
                <th scope="col">Totalt</th>
              </tr>
            </thead>
            <tbody>
              {[...report.summary.strategies, report.summary.total].map((s) => <SummaryRow key={s.strategyId} s={s} />)}
            </tbody>
          </table>
        </div>
        <Text weight="semibold">{report.summary.submitted} av {report.summary.arenas.length} arenor har lämnat in sin uppföljning.</Text>
        <ul>
          {report.summary.arenas.map((a) => <li key={a.arenaId}>{a.name}: {submissionText(a.submission, formatDate)}{a.submission?.comment ? `. ”${a.submission.comment}”` : ''}</li>)}
        </ul>
      </section>

      <section className={`${ui.section} print-page-break`} aria-labelledby="r-effektmatt">
        <Title3 as="h3" id="r-effektmatt">Effektmått</Title3>
        {report.measures.map((m) => <Measure key={m.id} m={m} year={report.year} theme={theme} />)}
      </section>

      <section className={`${ui.section} print-page-break`} aria-labelledby="r-forandringar">
        <Title3 as="h3" id="r-forandringar">Förändringar under perioden</Title3>
        {report.changes.all.length === 0 ? <Text>Inga förändringar under perioden.</Text> : (
          <>
            <Text>{report.changes.all.length} förändringar, de senaste först. Per arena: {report.changes.byArena.map((g) => `${g.title} ${g.events.length}`).join(', ')}.</Text>
            {report.changes.byStrategy.map((g) => (
              <div key={g.id} className={ui.section}>
                <h4>{g.title}</h4>
                <Changes events={g.events} arena={arena} />
              </div>
            ))}
          </>
        )}
      </section>

      <section className={`${ui.section} print-page-break`} aria-labelledby="r-arenor">
        <Title3 as="h3" id="r-arenor">Per arena</Title3>
        {report.arenas.map((a) => (
          <div key={a.arenaId} className={ui.section}>
            <h4>{a.name}</h4>
            <Text>{submissionText(a.submission, formatDate)}.{a.submission?.comment ? ` Kommentar: ${a.submission.comment}` : ''} Följt upp {a.followedUp} av {a.followUpTotal} delaktiviteter i Bilaga 1.</Text>
            {setAsideLines(a).map((line) => <Text key={line}>{line}</Text>)}
            <Text weight="semibold">Lokala aktiviteter</Text>
            {a.local.length ? <SubRows rows={a.local} /> : <Text>Inga lokala aktiviteter.</Text>}
            <Text weight="semibold">Uppföljning av Bilaga 1</Text>
            {a.bilaga1.some((r) => r.followedUp) ? <SubRows rows={a.bilaga1.filter((r) => r.followedUp)} county /> : <Text>Arenan har inte följt upp någon delaktivitet i Bilaga 1.</Text>}
          </div>
        ))}
      </section>

      <section className={`${ui.section} print-page-break`} aria-labelledby="r-analys">
        <Title3 as="h3" id="r-analys">Analys</Title3>
        {report.analysis.map((a) => (
          <div key={a.strategyId} className={ui.section}>
            <h4>Strategi {a.number}: {a.title}</h4>
            {a.text.trim() ? a.text.split(/\n+/).map((t, i) => <p key={i} style={{ margin: 0 }}>{t}</p>) : <Text italic>Ingen analys skriven.</Text>}
            {a.updatedAt && <Text size={200}>Skriven av {a.updatedBy}, {formatDate(a.updatedAt)}.</Text>}
          </div>
        ))}
      </section>
    </article>
  );
}

function SummaryRow({ s }: { s: StrategySummary }) {
  return (
    <tr>
      <th scope="row" data-first="">{s.number ? `${s.number}. ${s.title}` : s.title}</th>
      {SUMMARY_COLUMNS.map((c) => (
        <td key={c.key} data-label={c.label} data-inline="">
          {s.counts[c.key]}{s.change ? <span> ({formatChange(s.change[c.key])})</span> : null}
        </td>
      ))}
      <td data-label="Totalt" data-inline="">{s.counts.total}</td>
    </tr>
  );
}

/** The year before, then the year (chronological also for half-years), per arena with a value. */
function chartOf(m: MeasureReport): { periods: string[]; series: Series[] } {
  const arenas = [...new Map(m.rows.map((r) => [r.arenaId, r.arenaName])).entries()];
  const first = (p: string) => m.rows.find((x) => x.periodId === p);
  const periods = [...m.periods.map((p) => first(p)?.previousPeriodLabel ?? ''), ...m.periods.map((p) => first(p)?.periodLabel ?? p)];
  const series = arenas.map(([id, name]) => {
    const rows = m.periods.map((p) => m.rows.find((x) => x.periodId === p && x.arenaId === id));
    return { label: name, data: [...rows.map((r) => r?.previousTotal ?? null), ...rows.map((r) => r?.total ?? null)] };
  }).filter((x) => x.data.some((v) => v !== null)); // only the arenas with a value: eight empty legends say nothing
  return { periods, series };
}

function Measure({ m, year, theme }: { m: MeasureReport; year: number; theme: ThemeName }) {
  const ui = useLayout();
  const { shown, missing } = measureRowsShown(m);
  const numeric = m.direction !== 'yes' && m.rows.some((r) => r.total !== null || r.previousTotal !== null);
  // Once per report: new arrays on every render would re-make the chart, blank on paper (MeasureChart.tsx).
  const { periods, series } = useMemo(() => chartOf(m), [m]);
  return (
    <div className={`${ui.section} report-keep`}>
      <h4>Strategi {m.strategyNumber}: {m.title}</h4>
      <Text>Målvärde: {m.target} ({m.directionText.toLowerCase()}). Rapporteras {m.levelText}{m.source ? `, källa: ${m.source}` : ''}.</Text>
      {shown.length > 0 && (
        <div className={ui.stack}>
          <table className={ui.table}>
            <thead>
              <tr>
                <th scope="col">Arena</th>
                <th scope="col">Period</th>
                <th scope="col">Värde</th>
                <th scope="col">Året före</th>
                <th scope="col">Målet</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={`${r.arenaId}/${r.periodId}`}>
                  <th scope="row" data-first="">{r.arenaName}</th>
                  <td data-label="Period">{r.periodLabel}</td>
                  <td data-label="Värde">{r.value ?? '–'}</td>
                  <td data-label="Året före">{r.previous ?? '–'}</td>
                  <td data-label="Målet" title={r.targetText}>{TARGET_LABEL[r.target]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {missing && <Text>{missing}</Text>}
      <Text italic>{measureSummaryText(m, year)}</Text>
      {numeric && (
        <div className="report-chart" style={theme === 'contrast' ? { background: 'transparent' } : undefined}>
          <MeasureChart title={m.title} periods={periods} series={series} theme={theme === 'contrast' ? 'contrast' : 'default'} />
        </div>
      )}
    </div>
  );
}

function Changes({ events, arena }: { events: HistoryEvent[]; arena: (id: string) => string }) {
  const ui = useLayout();
  return (
    <div className={ui.stack}>
      <table className={ui.table}>
        <thead>
          <tr>
            <th scope="col">När</th>
            <th scope="col">Arena</th>
            <th scope="col">Vad</th>
            <th scope="col">Ändring</th>
            <th scope="col">Vem</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.key}>
              <td data-label="När">{formatDateTime(e.at)}</td>
              <td data-label="Arena">{arena(e.scopeId)}</td>
              <th scope="row" data-first="">{e.title}{e.parent ? <span className={ui.muted}> ({e.parent})</span> : null}</th>
              <td data-label="Ändring">{e.lines.join(' · ')}{e.comment ? ` Kommentar: ${e.comment}` : ''}</td>
              <td data-label="Vem">{e.actor}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SubRows({ rows, county = false }: { rows: ReportSubRow[]; county?: boolean }) {
  const ui = useLayout();
  return (
    <div className={ui.stack}>
      <table className={ui.table}>
        <thead>
          <tr>
            <th scope="col">Aktivitet / delaktivitet</th>
            <th scope="col">Prioritet</th>
            <th scope="col">Status</th>
            {county && <th scope="col">Länets status</th>}
            <th scope="col">Anteckning</th>
            <th scope="col">Svar på mått</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.subId}>
              <th scope="row" data-first="">{r.strategyNumber}. {r.activityTitle}: {r.subTitle}</th>
              <td data-label="Prioritet">{r.priority}</td>
              <td data-label="Status">{r.statusText}{r.overdue ? ' · Försenad' : ''}{r.localNotApplicable ? ` · ${r.localNotApplicable}` : ''}</td>
              {county && <td data-label="Länets status">{r.countyStatus}</td>}
              <td data-label={r.statusNote ? 'Anteckning' : undefined}>{r.statusNote}</td>
              <td data-label={r.measureAnswer ? 'Svar på mått' : undefined}>{r.measureAnswer}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
