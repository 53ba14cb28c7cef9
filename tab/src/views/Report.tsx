// Årsrapport: the yearly report the county sends to SVOM (GET /api/report/{year}), for a chosen
// year: the closed round's snapshot of that year, or the state now. The same model and order as
// the Word file (REPORT_SECTIONS): Sammanfattning, Bilaga 1, Effektmått, Arenorna, Analys per
// strategi and the period's changes; Word and
// Excel made on the server; "Skriv ut" prints it light with page numbers (tab.css, the report block).
import { useEffect, useMemo, useState } from 'react';
// Straight from their packages, so that they stay in this view's chunk (see Revision.tsx).
import { Button } from '@fluentui/react-button';
import { MessageBar, MessageBarBody } from '@fluentui/react-message-bar';
import { Select } from '@fluentui/react-select';
import { Text, Title2, Title3 } from '@fluentui/react-text';
import { tokens } from '@fluentui/react-theme';
import { formatDate, formatDateTime, formatLongDate, formatNumber } from '../../../bot/domain/format';
import type { HistoryEvent } from '../../../bot/domain/historyEvents';
import { WORDS } from '../../../bot/domain/glossary';
import { CHANGES_LISTED_MAX, lineName, MATRIX_MAX_ARENAS, formatChange, REPORT_SECTIONS as WORD_SECTIONS, setAsideLines, sourceText, statusFromTo, SUMMARY_COLUMNS, type MeasureReport, type ReportSubRow, type StrategySummary } from '../../../bot/domain/report';
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
  const title = (id: (typeof WORD_SECTIONS)[number]['id']) => WORD_SECTIONS.find((s) => s.id === id)!.title;
  const strategyNumbers = [...new Set(report.actionPlan.map((r) => r.strategyNumber))];
  const missing = report.summary.arenas.filter((a) => !a.submission).map((a) => a.name);
  return (
    <article className={ui.view} data-report-body="">
      <header className={ui.section}>
        <Title2 as="h2" id="rapport-rubrik">{report.title}</Title2>
        <Text>Årlig uppföljning av {report.planName} till styrgruppen</Text>
        <Text><strong>Avsändare:</strong> {report.sender} · <strong>Datum:</strong> {formatLongDate(report.madeAt)}</Text>
        <Text>{sourceText(report)}</Text>
        <nav aria-label="Innehåll" className="no-print">
          <ol>{WORD_SECTIONS.map((s) => <li key={s.id}><a href={`#r-${s.id}`} style={{ color: tokens.colorBrandForegroundLink }}>{s.title}</a></li>)}</ol>
        </nav>
      </header>

      <section className={ui.section} aria-labelledby="r-sammanfattning">
        <Title3 as="h3" id="r-sammanfattning">{title('sammanfattning')}</Title3>
        {[report.conclusions, report.proposals].map((t) => (
          <div key={t.title} className={ui.section}>
            <h4>{t.title}</h4>
            {t.text.trim() ? t.text.split(/\n+/).map((line, i) => <p key={i} style={{ margin: 0 }}>{line}</p>) : <Text italic>Länsgemensam samverkan har inte skrivit {t.title === 'Slutsatser' ? 'några slutsatser' : 'några förslag inför nästa år'}.</Text>}
          </div>
        ))}
        <h4>Läget per strategi</h4>
        <Text>
          Delaktiviteterna i Bilaga 1 per strategi och status. Inom parentes: {report.baseline}. Försenad: uppföljd, prioriteringsperioden har gått ut och varken klar eller avbruten; det som ingen har följt upp räknas bredvid.
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
        <Text weight="semibold">{formatNumber(report.summary.submitted)} av {formatNumber(report.summary.arenas.length)} arenor har lämnat in sin uppföljning.{missing.length ? ` Inte inlämnat: ${missing.join(', ')}.` : ''}</Text>
      </section>

      <section className={`${ui.section} print-page-break`} aria-labelledby="r-bilaga1">
        <Title3 as="h3" id="r-bilaga1">{title('bilaga1')}</Title3>
        <Text>Länets delaktiviteter med status vid periodens början och nu ({report.previous ? `början: ${report.previous.name}` : 'början: planens status 2023'}).</Text>
        {strategyNumbers.map((n) => (
          <div key={n} className={ui.section}>
            <h4>Strategi {n}: {report.summary.strategies.find((s) => s.number === n)?.title}</h4>
            <SubRows rows={report.actionPlan.filter((r) => r.strategyNumber === n)} columns={COUNTY_COLUMNS} numbered={false} />
          </div>
        ))}
        <h4>Arenornas uppföljning av Bilaga 1</h4>
        <Matrix matrix={report.matrix} />
      </section>

      <section className={`${ui.section} print-page-break`} aria-labelledby="r-effektmatt">
        <Title3 as="h3" id="r-effektmatt">{title('effektmatt')}</Title3>
        <Text>Alla perioder med ett värde sedan 2023. Målet bedöms jämfört med föregående år; saknas värde det året jämförs med det senaste tidigare värdet, och båda åren anges.</Text>
        {report.measures.map((m) => <Measure key={m.id} m={m} theme={theme} />)}
      </section>

      <section className={`${ui.section} print-page-break`} aria-labelledby="r-arenorna">
        <Title3 as="h3" id="r-arenorna">{title('arenorna')}</Title3>
        {report.arenas.map((a) => (
          <div key={a.arenaId} className={ui.section}>
            <h4>{a.name}</h4>
            {a.submissions.length === 0 ? <Text italic>{WORDS.notSubmitted}.</Text> : (
              <ul>{a.submissions.map((s) => <li key={`${s.version}-${s.submittedAt}`}><strong>Inlämnad {formatDate(s.submittedAt)} av {s.submittedBy}</strong>{s.comment ? `: ”${s.comment}”` : '.'}</li>)}</ul>
            )}
            <Text>Följt upp {formatNumber(a.followedUp)} av {formatNumber(a.followUpTotal)} delaktiviteter i Bilaga 1.</Text>
            {setAsideLines(a).map((line) => <Text key={line}>{line}</Text>)}
            <Text weight="semibold">Lokala aktiviteter</Text>
            {a.local.length ? <SubRows rows={a.local} columns={LOCAL_COLUMNS} numbered /> : <Text>Inga lokala aktiviteter.</Text>}
          </div>
        ))}
      </section>

      <section className={`${ui.section} print-page-break`} aria-labelledby="r-analys">
        <Title3 as="h3" id="r-analys">{title('analys')}</Title3>
        {report.analysis.map((a) => (
          <div key={a.strategyId} className={ui.section}>
            <h4>Strategi {a.number}: {a.title}</h4>
            {a.text.trim() ? a.text.split(/\n+/).map((t, i) => <p key={i} style={{ margin: 0 }}>{t}</p>) : <Text italic>Ingen analys skriven.</Text>}
            {a.updatedAt && <Text size={200}>Skriven av {a.updatedBy}, {formatDate(a.updatedAt)}.</Text>}
          </div>
        ))}
      </section>

      <section className={`${ui.section} print-page-break`} aria-labelledby="r-forandringar">
        <Title3 as="h3" id="r-forandringar">{title('forandringar')}</Title3>
        {report.changes.count === 0 ? <Text>Inga förändringar under perioden.</Text> : report.changes.count > CHANGES_LISTED_MAX ? (
          <Text>{formatNumber(report.changes.count)} förändringar under perioden. Per arena: {report.changes.byArena.map((g) => `${g.title} ${formatNumber(g.count)}`).join(', ')}. Varje förändring finns i Excel-filens blad Historik.</Text>
        ) : (
          <>
            <Text>{formatNumber(report.changes.count)} förändringar, var och en en gång, per strategi och de senaste först.</Text>
            {report.changes.byStrategy.map((g) => (
              <div key={g.id} className={ui.section}>
                <h4>{g.title}</h4>
                <Changes events={g.events} arena={arena} />
              </div>
            ))}
          </>
        )}
      </section>
    </article>
  );
}

/** The arenas' follow-up: a column per municipality, or above MATRIX_MAX_ARENAS a table per arena. */
function Matrix({ matrix }: { matrix: ReportModel['matrix'] }) {
  const ui = useLayout();
  if (matrix.arenas.length > MATRIX_MAX_ARENAS) {
    return (
      <>
        {matrix.arenas.map((a, i) => (
          <div key={a.arenaId} className={ui.section}>
            <Text weight="semibold">{a.name}</Text>
            <div className={ui.stack}>
              <table className={ui.table}>
                <thead><tr><th scope="col">Delaktivitet</th><th scope="col">Länets status</th><th scope="col">{a.name}</th></tr></thead>
                <tbody>{matrix.rows.map((r) => <tr key={r.subId}><th scope="row" data-first="">{r.strategyNumber}. {r.subTitle}</th><td data-label="Länets status">{r.countyStatus}</td><td data-label={a.name}>{r.cells[i]!.text}</td></tr>)}</tbody>
              </table>
            </div>
          </div>
        ))}
      </>
    );
  }
  return (
    <div className={ui.stack}>
      <table className={ui.table}>
        <thead>
          <tr>
            <th scope="col">Delaktivitet</th>
            <th scope="col">Länet</th>
            {matrix.arenas.map((a) => <th key={a.arenaId} scope="col">{a.name}</th>)}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((r) => (
            <tr key={r.subId}>
              <th scope="row" data-first="">{r.strategyNumber}. {r.subTitle}</th>
              <td data-label="Länet">{r.countyStatus}</td>
              {r.cells.map((c, i) => <td key={c.arenaId} data-label={matrix.arenas[i]!.name}>{c.text}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SummaryRow({ s }: { s: StrategySummary }) {
  return (
    <tr>
      <th scope="row" data-first="">{s.number ? `${s.number}. ${s.title}` : s.title}</th>
      {SUMMARY_COLUMNS.map((c) => (
        <td key={c.key} data-label={c.label} data-inline="">
          {formatNumber(s.counts[c.key])}{s.change ? <span> ({formatChange(s.change[c.key])})</span> : null}
        </td>
      ))}
      <td data-label="Totalt" data-inline="">{formatNumber(s.counts.total)}</td>
    </tr>
  );
}

function Measure({ m, theme }: { m: MeasureReport; theme: ThemeName }) {
  const ui = useLayout();
  const shown = m.lines.filter((l) => l.cells.some((c) => c.value !== undefined));
  const none = m.lines.filter((l) => !l.cells.some((c) => c.value !== undefined)).map((l) => l.arenaName);
  const numeric = m.direction !== 'yes' && shown.some((l) => l.cells.some((c) => c.total !== null));
  // The periods in time order; one line per arena with a value (eight empty legends say nothing).
  // Once per report: new arrays on every render would re-make the chart, blank on paper (MeasureChart.tsx).
  const series = useMemo(
    () => m.lines.filter((l) => l.cells.some((c) => c.value !== undefined)).map((l) => ({ label: l.arenaName, data: l.cells.map((c) => c.total) })).filter((x) => x.data.some((v) => v !== null)),
    [m],
  );
  return (
    <div className={`${ui.section} report-keep`}>
      <h4>Strategi {m.strategyNumber}: {m.title}</h4>
      <Text>Målvärde: {m.target} ({m.directionText.toLowerCase()}). Rapporteras {m.levelText}{m.source ? `, källa: ${m.source}` : ''}.</Text>
      {shown.length === 0 ? <Text italic>Inget värde rapporterat sedan 2023.</Text> : (
        <div className={ui.stack}>
          <table className={ui.table}>
            <thead>
              <tr>
                <th scope="col">Arena</th>
                {m.allPeriodLabels.map((label) => <th key={label} scope="col">{label}</th>)}
                <th scope="col">Målet</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((l) => (
                <tr key={l.arenaId}>
                  <th scope="row" data-first="">{lineName(l)}</th>
                  {l.cells.map((c, i) => <td key={c.periodId} data-label={m.allPeriodLabels[i]}>{c.value ?? '–'}</td>)}
                  <td data-label="Målet">{l.judgement.text}{l.judgement.compared ? ` (${l.judgement.compared})` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {none.length > 0 && <Text>Inget värde sedan 2023: {none.join(', ')}.</Text>}
      {numeric && (
        <div className="report-chart" style={theme === 'contrast' ? { background: 'transparent' } : undefined}>
          <MeasureChart title={m.title} periods={m.allPeriodLabels} series={series} theme={theme === 'contrast' ? 'contrast' : 'default'} />
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

/** A column of a sub-activity table: its heading, and the cell's text (empty cells carry no label on a phone). */
interface SubColumn {
  label: string;
  text: (r: ReportSubRow) => string;
  /** Labelled on a phone even when empty. */
  always?: boolean;
}

/** The county's Bilaga 1: status from the period's start to now, note and answer in one cell. */
const COUNTY_COLUMNS: SubColumn[] = [
  { label: 'Prioritet', text: (r) => r.priority, always: true },
  { label: 'Status: början → nu', always: true, text: (r) => `${statusFromTo(r)}${r.localNotApplicable ? ` · ${r.localNotApplicable}` : ''}` },
  { label: 'Anteckning', text: (r) => [r.statusNote, r.measureAnswer ? `Svar på mått: ${r.measureAnswer}` : ''].filter(Boolean).join(' · ') },
];

/** An arena's local activities: status now, note and answer apart. */
const LOCAL_COLUMNS: SubColumn[] = [
  { label: 'Prioritet', text: (r) => r.priority, always: true },
  { label: 'Status', always: true, text: (r) => `${r.statusText}${r.overdue ? ' · Försenad' : ''}` },
  { label: 'Anteckning', text: (r) => r.statusNote },
  { label: 'Svar på mått', text: (r) => r.measureAnswer },
];

/** Sub-activities as a table, a row each, headed by their activity (and strategy number where several strategies share it). */
function SubRows({ rows, columns, numbered }: { rows: ReportSubRow[]; columns: SubColumn[]; numbered: boolean }) {
  const ui = useLayout();
  return (
    <div className={ui.stack}>
      <table className={ui.table}>
        <thead>
          <tr>
            <th scope="col">Aktivitet / delaktivitet</th>
            {columns.map((c) => <th key={c.label} scope="col">{c.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.subId}>
              <th scope="row" data-first="">{numbered ? `${r.strategyNumber}. ` : ''}{r.activityTitle}: {r.subTitle}</th>
              {columns.map((c) => {
                const text = c.text(r);
                return <td key={c.label} data-label={text || c.always ? c.label : undefined}>{text}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
