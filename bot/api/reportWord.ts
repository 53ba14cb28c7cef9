// GET /api/report/{year}.docx: the yearly report as the Word document the county sends to SVOM
// (docx). Title, Sammanfattning, Effektmått (a table and a native Word chart per measure, made
// by docx's ChartRun so that the county can restyle it in Word), Förändringar under perioden,
// Per arena and Analys; Swedish headings, page numbers in the footer.
import {
  AlignmentType, BorderStyle, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType,
} from 'docx';
import { ChartRun } from 'docx/charts';
import { formatDate, formatDateTime } from '../domain/format';
import { formatChange, measureRowsShown, measureSummaryText, setAsideLines, sourceText, submissionText, SUMMARY_COLUMNS, TARGET_LABEL, type MeasureReport, type Report, type ReportSubRow } from '../domain/report';
import type { HistoryEvent } from '../domain/historyEvents';

const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, opts: { bold?: boolean; header?: boolean } = {}): TableCell {
  return new TableCell({
    borders,
    ...(opts.header ? { shading: { type: ShadingType.CLEAR, fill: 'E8E8E8', color: 'auto' } } : {}),
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold: opts.bold || opts.header, size: opts.header ? 16 : 18 })] })),
  });
}

/** The page's width between the margins, in twentieths of a point (A4, 2 cm margins). */
const CONTENT_WIDTH = 11906 - 2 * 1134;

/** A table across the page; `weights` shares its width between the columns (equal by default). */
function table(header: string[], rows: string[][], weights: number[] = header.map(() => 1)): Table {
  const sum = weights.reduce((a, b) => a + b, 0);
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: weights.map((w) => Math.floor((CONTENT_WIDTH * w) / sum)),
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, { header: true })) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t) => cell(t)) })),
    ],
  });
}

const h1 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1, pageBreakBefore: true });
const h2 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });
const h3 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_3 });
const p = (text: string, italics = false) => new Paragraph({ children: [new TextRun({ text, italics })], spacing: { before: 80, after: 120 } });

function summarySection(report: Report): Array<Paragraph | Table> {
  const withChange = Boolean(report.previous);
  const header = ['Strategi', ...SUMMARY_COLUMNS.map((c) => c.label), 'Totalt'];
  const line = (s: Report['summary']['total']) => [
    s.number ? `${s.number}. ${s.title}` : s.title,
    ...SUMMARY_COLUMNS.map((c) => `${s.counts[c.key]}${withChange && s.change ? ` (${formatChange(s.change[c.key])})` : ''}`),
    String(s.counts.total),
  ];
  const arenas = report.summary.arenas;
  return [
    new Paragraph({ text: 'Sammanfattning', heading: HeadingLevel.HEADING_1 }),
    p(`Delaktiviteterna i Bilaga 1 per strategi och status.${withChange ? ` Inom parentes: förändringen sedan ${report.previous!.name}.` : ''} Ej uppföljda: ingen har följt upp dem sedan planen antogs, deras status är planens text från 2023.`),
    table(header, [...report.summary.strategies.map(line), line(report.summary.total)], [3, 0.9, 1, 1.3, 1.5, 1.3, 1.3, 1.4, 1.1]),
    h2('Inlämningar från arenorna'),
    p(`${report.summary.submitted} av ${arenas.length} arenor har lämnat in sin uppföljning.`),
    table(['Arena', 'Inlämning', 'Kommentar'], arenas.map((a) => [a.name, submissionText(a.submission, formatDate), a.submission?.comment ?? '']), [2, 3, 4]),
  ];
}

function measureChart(m: MeasureReport): ChartRun | undefined {
  if (m.direction === 'yes' || !m.rows.some((r) => r.total !== null || r.previousTotal !== null)) return undefined;
  // Only the arenas with a value this year or the year before.
  const arenas = [...new Map(m.rows.filter((r) => r.total !== null || r.previousTotal !== null).map((r) => [r.arenaId, r.arenaName])).entries()];
  const series = m.periods.flatMap((periodId) => {
    const rows = m.rows.filter((r) => r.periodId === periodId);
    const label = rows[0]?.periodLabel ?? periodId;
    const before = rows[0]?.previousPeriodLabel ?? '';
    return [
      { name: before, values: arenas.map(([id]) => rows.find((r) => r.arenaId === id)?.previousTotal ?? null) },
      { name: label, values: arenas.map(([id]) => rows.find((r) => r.arenaId === id)?.total ?? null) },
    ];
  });
  return new ChartRun({
    type: 'column',
    title: { text: m.title, font: { size: 11 } },
    categories: arenas.map(([, name]) => name),
    series,
    legend: { position: 'bottom' },
    transformation: { width: 576, height: 260 },
    altText: { name: m.title, description: `Diagram: ${m.title}, värden per ${m.reporters > 1 ? 'kommun' : 'period'}. Värdena finns i tabellen ovan.`, title: m.title },
  });
}

function measuresSection(report: Report): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [h1('Effektmått')];
  out.push(p(`Varje effektmått med värdet för ${report.year} och året före. Målet nås när värdet ${'ökar eller minskar som planen säger jämfört med samma period året före'}, eller är ja.`));
  for (const m of report.measures) {
    out.push(h2(`Strategi ${m.strategyNumber}: ${m.title}`));
    out.push(p(`Målvärde: ${m.target} (${m.directionText.toLowerCase()}). Rapporteras ${m.levelText}${m.source ? `, källa: ${m.source}` : ''}.`));
    const { shown, missing } = measureRowsShown(m);
    if (shown.length) out.push(table(['Arena', 'Period', 'Värde', 'Året före', 'Målet'], shown.map((r) => [r.arenaName, r.periodLabel, r.value ?? '–', r.previous ?? '–', TARGET_LABEL[r.target]]), [3, 2.5, 2.5, 2.5, 2]));
    if (missing) out.push(p(missing));
    out.push(p(measureSummaryText(m, report.year), true));
    const chart = measureChart(m);
    if (chart) out.push(new Paragraph({ children: [chart], spacing: { after: 200 } }));
  }
  return out;
}

function eventRows(events: HistoryEvent[], arenaName: (id: string) => string): string[][] {
  return events.map((e) => [formatDateTime(e.at), arenaName(e.scopeId), `${e.title}${e.parent ? `\n(${e.parent})` : ''}`, [...e.lines, ...(e.comment ? [`Kommentar: ${e.comment}`] : [])].join('\n'), e.actor]);
}

function changesSection(report: Report, arenaName: (id: string) => string): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [h1('Förändringar under perioden')];
  if (report.changes.all.length === 0) return [...out, p('Inga förändringar under perioden.')];
  out.push(p(`${report.changes.all.length} förändringar, de senaste först, per strategi och sedan per arena.`));
  out.push(h2('Per strategi'));
  for (const g of report.changes.byStrategy) {
    out.push(h3(g.title), table(['När', 'Arena', 'Vad', 'Ändring', 'Vem'], eventRows(g.events, arenaName), [2, 2, 4, 4, 2]));
  }
  out.push(h2('Per arena'));
  for (const g of report.changes.byArena) {
    out.push(h3(`${g.title}: ${g.events.length} ${g.events.length === 1 ? 'förändring' : 'förändringar'}`));
    out.push(table(['När', 'Vad', 'Vem'], g.events.map((e) => [formatDate(e.at), `${e.title}: ${e.lines.join(', ')}`, e.actor]), [2, 9, 3]));
  }
  return out;
}

function subTable(rows: ReportSubRow[], withCounty: boolean): Table {
  const header = ['Str.', 'Aktivitet / delaktivitet', 'Prioritet', 'Status', ...(withCounty ? ['Länets status'] : []), 'Anteckning', 'Svar på mått'];
  return table(header, rows.map((r) => [String(r.strategyNumber), `${r.activityTitle}: ${r.subTitle}`, r.priority, `${r.statusText}${r.overdue ? '\nFörsenad' : ''}${r.localNotApplicable ? `\n${r.localNotApplicable}` : ''}`, ...(withCounty ? [r.countyStatus ?? ''] : []), r.statusNote, r.measureAnswer]), [0.7, 5, 1.3, 2, ...(withCounty ? [2] : []), 3, 2]);
}

function arenasSection(report: Report): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [h1('Per arena')];
  for (const a of report.arenas) {
    out.push(h2(a.name));
    out.push(p(`${submissionText(a.submission, formatDate)}.${a.submission?.comment ? ` Kommentar: ${a.submission.comment}` : ''} Följt upp ${a.followedUp} av ${a.followUpTotal} delaktiviteter i Bilaga 1.`));
    for (const line of setAsideLines(a)) out.push(p(line));
    out.push(h3('Lokala aktiviteter'));
    out.push(a.local.length ? subTable(a.local, false) : p('Inga lokala aktiviteter.'));
    out.push(h3('Uppföljning av Bilaga 1'));
    const followed = a.bilaga1.filter((r) => r.followedUp);
    out.push(followed.length ? subTable(followed, true) : p('Arenan har inte följt upp någon delaktivitet i Bilaga 1.'));
    if (followed.length && followed.length < a.bilaga1.length) out.push(p(`${a.bilaga1.length - followed.length} delaktiviteter är inte uppföljda av arenan (se Excel-filens blad Lokal uppföljning).`, true));
  }
  return out;
}

function analysisSection(report: Report): Paragraph[] {
  const out: Paragraph[] = [h1('Analys')];
  for (const a of report.analysis) {
    out.push(h2(`Strategi ${a.number}: ${a.title}`));
    if (!a.text.trim()) out.push(p('Ingen analys skriven.', true));
    else {
      for (const para of a.text.split(/\n+/)) out.push(p(para));
      if (a.updatedAt) out.push(p(`Skriven av ${a.updatedBy ?? ''}, ${formatDate(a.updatedAt)}.`, true));
    }
  }
  return out;
}

export async function reportDocx(report: Report): Promise<Buffer> {
  const arenaName = (id: string) => report.arenaNames[id] ?? id;
  const doc = new Document({
    creator: 'Gemensam plan',
    title: report.title,
    description: `${report.title}: ${report.planName}`,
    styles: { default: { document: { run: { font: 'Calibri', size: 21 } } } },
    sections: [{
      properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
      footers: {
        default: new Footer({
          children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [`${report.title} · Sida `, PageNumber.CURRENT, ' av ', PageNumber.TOTAL_PAGES], size: 16 })] })],
        }),
      },
      children: [
        new Paragraph({ text: report.title, heading: HeadingLevel.TITLE }),
        p(report.planName),
        p(sourceText(report)),
        ...summarySection(report),
        ...measuresSection(report),
        ...changesSection(report, arenaName),
        ...arenasSection(report),
        ...analysisSection(report),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
