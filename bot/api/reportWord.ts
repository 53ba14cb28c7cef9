// GET /api/report/{year}.docx: the yearly report as the document the county sends its steering
// group (SVOM), in the order of issue 24: a title page (plan, year, period, source, sender, date,
// contents), Sammanfattning (the county's conclusions and proposals, then the status per strategy
// with the change since the previous round or the plan's 2023 statuses), Bilaga 1 (the county's
// sub-activities from → to, then the arenas' follow-up), Effektmått (every period since 2023, with
// native Word charts in time order), Arenorna (every submission comment), Analys per strategi and,
// as an appendix, the period's changes once each. Swedish (w:lang sv-SE), page numbers in the footer.
import {
  AlignmentType, Bookmark, BorderStyle, Document, Footer, HeadingLevel, InternalHyperlink, Packer, PageNumber, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableLayoutType,
  TableRow, TextRun, WidthType, type ISectionOptions,
} from 'docx';
import { ChartRun } from 'docx/charts';
import { formatDate, formatDateTime, formatLongDate, formatNumber } from '../domain/format';
import { WORDS } from '../domain/glossary';
import type { HistoryEvent } from '../domain/historyEvents';
import { CHANGES_LISTED_MAX, formatChange, lineName, LOCAL_LISTED_MAX_ARENAS, localStatusCounts, MATRIX_MAX_ARENAS, REPORT_SECTIONS, setAsideLines, sourceText, statusFromTo, SUMMARY_COLUMNS, type MeasureReport, type Report, type ReportSubRow, type RoundText } from '../domain/report';

/** The report's chapters in order (the tab shows the same). */
export const WORD_SECTIONS = REPORT_SECTIONS;

/** More arenas than this in a chart: its bars would be unreadable; the table says it all. */
const CHART_MAX_ARENAS = 20;

const LANGUAGE = { value: 'sv-SE' } as const;
const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const borders = { top: border, bottom: border, left: border, right: border };

/** A4 between 2 cm margins, in twentieths of a point, upright and on its side. */
const PORTRAIT_WIDTH = 11906 - 2 * 1134;
const LANDSCAPE_WIDTH = 16838 - 2 * 1134;

function cell(text: string, opts: { header?: boolean; size?: number } = {}): TableCell {
  const size = opts.size ?? (opts.header ? 16 : 18);
  return new TableCell({
    borders,
    ...(opts.header ? { shading: { type: ShadingType.CLEAR, fill: 'E8E8E8', color: 'auto' } } : {}),
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
    children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold: opts.header, size })] })),
  });
}

/** A table across the page; `weights` shares its width between the columns. */
function table(header: string[], rows: string[][], weights: number[], opts: { width?: number; size?: number } = {}): Table {
  const width = opts.width ?? PORTRAIT_WIDTH;
  const sum = weights.reduce((a, b) => a + b, 0);
  const size = opts.size;
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: weights.map((w) => Math.floor((width * w) / sum)),
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, { header: true, ...(size ? { size: size - 2 } : {}) })) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t) => cell(t, size ? { size } : {})) })),
    ],
  });
}

type Block = Paragraph | Table;

const h1 = (id: string, text: string, pageBreakBefore = true) =>
  new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore, children: [new Bookmark({ id, children: [new TextRun(text)] })] });
// Space above a heading, so that one that follows a table does not sit on its last row.
const h2 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2, keepNext: true, spacing: { before: 240 } });
const h3 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_3, keepNext: true, spacing: { before: 200 } });
const p = (text: string, opts: { italics?: boolean; bold?: boolean } = {}) => new Paragraph({ children: [new TextRun({ text, ...opts })], spacing: { before: 80, after: 120 } });
const paragraphs = (text: string) => text.split(/\n+/).filter((t) => t.trim() !== '').map((t) => p(t));
const section = (id: (typeof WORD_SECTIONS)[number]['id']) => WORD_SECTIONS.find((s) => s.id === id)!;

function titlePage(report: Report): Block[] {
  const line = (label: string, value: string) => new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] });
  const source = report.source;
  const basis = source.kind === 'round' ? `${source.name}, stängd ${formatLongDate(source.closedAt)}` : source.kind === 'openRound' ? `${source.name} (ännu öppen), läget ${formatDateTime(source.takenAt)}` : `läget ${formatDateTime(source.takenAt)} (ingen uppföljningsomgång)`;
  return [
    new Paragraph({ text: report.title, heading: HeadingLevel.TITLE, spacing: { before: 2400, after: 240 } }),
    new Paragraph({ children: [new TextRun({ text: `Årlig uppföljning av ${report.planName} till styrgruppen`, size: 28 })], spacing: { after: 600 } }),
    line('Avsändare', report.sender),
    line('Datum', formatLongDate(report.madeAt)),
    line('Period', `${formatLongDate(report.period.from)} – ${formatLongDate(report.period.to)}`),
    line('Underlag', basis),
    new Paragraph({ text: 'Innehåll', heading: HeadingLevel.HEADING_2, spacing: { before: 600 } }),
    ...WORD_SECTIONS.map((s, i) => new Paragraph({ spacing: { after: 60 }, children: [new InternalHyperlink({ anchor: s.id, children: [new TextRun({ text: `${i + 1}. ${s.title}`, style: 'Hyperlink' })] })] })),
  ];
}

function roundText(t: RoundText, missing: string): Block[] {
  return [
    h2(t.title),
    ...(t.text.trim() ? paragraphs(t.text) : [p(missing, { italics: true })]),
    ...(t.updatedAt ? [p(`Skrivet av ${t.updatedBy ?? ''}, ${formatDate(t.updatedAt)}.`, { italics: true })] : []),
  ];
}

function summarySection(report: Report): Block[] {
  const header = ['Strategi', ...SUMMARY_COLUMNS.map((c) => c.label), 'Totalt'];
  const line = (s: Report['summary']['total']) => [
    s.number ? `${s.number}. ${s.title}` : s.title,
    ...SUMMARY_COLUMNS.map((c) => `${formatNumber(s.counts[c.key])}${s.change ? `\n(${formatChange(s.change[c.key])})` : ''}`),
    formatNumber(s.counts.total),
  ];
  const arenas = report.summary.arenas;
  const missing = arenas.filter((a) => !a.submission).map((a) => a.name);
  return [
    h1('sammanfattning', section('sammanfattning').title),
    p(sourceText(report)),
    ...roundText(report.conclusions, 'Länsgemensam samverkan har inte skrivit några slutsatser.'),
    ...roundText(report.proposals, 'Länsgemensam samverkan har inte skrivit några förslag inför nästa år.'),
    h2('Läget per strategi'),
    p(`Delaktiviteterna i Bilaga 1 per strategi och status. Inom parentes: ${report.baseline}. Försenad: uppföljd, prioriteringsperioden har gått ut och varken klar eller avbruten. En delaktivitet som ingen har följt upp räknas inte som försenad; är dess period slut räknas den bredvid, som "Ej uppföljda, perioden har gått ut".`),
    table(header, [...report.summary.strategies.map(line), line(report.summary.total)], [2.3, 1, 1.1, 1.6, 1.6, 1.7, 1.7, 1.8, 1.9, 1.1], { size: 16 }),
    h2('Inlämningar'),
    p(`${formatNumber(report.summary.submitted)} av ${formatNumber(arenas.length)} arenor har lämnat in sin uppföljning.${notSubmittedText(missing)} Varje arenas kommentarer står under Arenorna.`),
  ];
}

/** " Inte inlämnat: Berg, Bräcke." — above MATRIX_MAX_ARENAS a count (a paragraph of 300 names reads as none), each arena's own part says it. */
function notSubmittedText(missing: string[]): string {
  if (missing.length === 0) return '';
  if (missing.length > MATRIX_MAX_ARENAS) return ` ${formatNumber(missing.length)} arenor har inte lämnat in; under Arenorna står det för var och en.`;
  return ` Inte inlämnat: ${missing.join(', ')}.`;
}

function countyRows(rows: ReportSubRow[]): string[][] {
  return rows.map((r) => [
    `${r.activityTitle}:\n${r.subTitle}`,
    r.priority,
    `${statusFromTo(r)}${r.localNotApplicable ? `\n${r.localNotApplicable}` : ''}`,
    [r.statusNote, r.measureAnswer ? `Svar på mått: ${r.measureAnswer}` : ''].filter(Boolean).join('\n'),
  ]);
}

function bilaga1Section(report: Report): Block[] {
  const out: Block[] = [h1('bilaga1', section('bilaga1').title)];
  out.push(p(`Länets delaktiviteter med status vid periodens början och nu (${report.previous ? `början: ${report.previous.name}` : 'början: planens status 2023'}), anteckning och svar på mått.`));
  for (const n of [...new Set(report.actionPlan.map((r) => r.strategyNumber))]) {
    const title = report.summary.strategies.find((s) => s.number === n)?.title ?? '';
    out.push(h2(`Strategi ${n}: ${title}`));
    out.push(table(['Aktivitet / delaktivitet', 'Prioritet', 'Status: början → nu', 'Anteckning'], countyRows(report.actionPlan.filter((r) => r.strategyNumber === n)), [5, 1.5, 3.2, 4.3]));
  }
  return out;
}

/** The arenas' follow-up of Bilaga 1: one column per municipality (on a page on its side), or above 20 arenas one table each. */
function matrixBlocks(report: Report): { blocks: Block[]; landscape: boolean } {
  const { arenas, rows } = report.matrix;
  const intro = [h2('Arenornas uppföljning av Bilaga 1'), p('Varje kommuns status för länets delaktiviteter, och kommunens svar på måttet där den svarar själv. "Ej uppföljd": kommunen har inte följt upp delaktiviteten. Delaktiviteter som planen gör till regionens eget arbete följs inte upp av arenorna och står inte här.')];
  if (arenas.length <= MATRIX_MAX_ARENAS) {
    const header = ['Delaktivitet', 'Länet', ...arenas.map((a) => a.name)];
    const body = rows.map((r) => [`${r.strategyNumber}. ${r.subTitle}`, r.countyStatus, ...r.cells.map((c) => c.text)]);
    return { blocks: [...intro, table(header, body, [4.2, 1.5, ...arenas.map(() => 1.3)], { width: LANDSCAPE_WIDTH, size: arenas.length > 10 ? 12 : 14 })], landscape: true };
  }
  const blocks: Block[] = [...intro];
  arenas.forEach((a, i) => {
    blocks.push(h3(a.name), table(['Delaktivitet', 'Länets status', `${a.name}s status och svar`], rows.map((r) => [`${r.strategyNumber}. ${r.subTitle}`, r.countyStatus, r.cells[i]!.text]), [6, 2.5, 3]));
  });
  return { blocks, landscape: false };
}

function measureChart(m: MeasureReport): ChartRun | undefined {
  const lines = m.lines.filter((l) => l.cells.some((c) => c.total !== null));
  if (m.direction === 'yes' || lines.length === 0 || lines.length > CHART_MAX_ARENAS) return undefined;
  // One bar per period, in time order, for each arena with a value.
  return new ChartRun({
    type: 'column',
    title: { text: m.title, font: { size: 11 } },
    categories: lines.map((l) => l.arenaName),
    series: m.allPeriods.map((periodId, i) => ({ name: m.allPeriodLabels[i]!, values: lines.map((l) => l.cells[i]!.total) })),
    legend: { position: 'bottom' },
    transformation: { width: 576, height: 260 },
    altText: { name: m.title, description: `Diagram: ${m.title}, värden per period ${m.allPeriodLabels.join(', ')}. Värdena finns i tabellen ovan.`, title: m.title },
  });
}

function measuresSection(report: Report, firstInSection = false): Block[] {
  // A new section starts on a new page already.
  const out: Block[] = [h1('effektmatt', section('effektmatt').title, !firstInSection)];
  out.push(p('Varje effektmått med alla perioder som har ett värde sedan 2023. Målet bedöms som planen säger, jämfört med föregående år; saknas värde det året jämförs med det senaste tidigare värdet, och båda åren anges.'));
  for (const m of report.measures) {
    out.push(h2(`Strategi ${m.strategyNumber}: ${m.title}`));
    out.push(p(`Målvärde: ${m.target} (${m.directionText.toLowerCase()}). Rapporteras ${m.levelText}${m.source ? `, källa: ${m.source}` : ''}.`));
    const shown = m.lines.filter((l) => l.cells.some((c) => c.value !== undefined));
    const none = m.lines.filter((l) => !l.cells.some((c) => c.value !== undefined)).map((l) => l.arenaName);
    if (shown.length === 0) {
      out.push(p(`Inget värde rapporterat sedan ${2023}.`, { italics: true }));
      continue;
    }
    const weights = [2.6, ...m.allPeriods.map(() => (m.allPeriods.length > 5 ? 1.2 : 1.6)), 4];
    out.push(table(['Arena', ...m.allPeriodLabels, 'Målet'], shown.map((l) => [lineName(l), ...l.cells.map((c) => c.value ?? '–'), l.judgement.compared ? `${l.judgement.text} (${l.judgement.compared})` : l.judgement.text]), weights, { size: m.allPeriods.length > 5 ? 15 : 17 }));
    if (none.length) out.push(p(`Inget värde sedan 2023: ${none.join(', ')}.`));
    const chart = measureChart(m);
    if (chart) out.push(new Paragraph({ children: [chart], spacing: { after: 200 }, keepLines: true }));
  }
  return out;
}

function arenasSection(report: Report): Block[] {
  const out: Block[] = [h1('arenorna', section('arenorna').title)];
  const counted = report.arenas.length > LOCAL_LISTED_MAX_ARENAS;
  if (counted) out.push(p(`Rapporten gäller ${formatNumber(report.arenas.length)} arenor. För att dokumentet ska gå att läsa står varje arenas lokala aktiviteter här som antal per status; varje delaktivitet med status och anteckning finns i Excel-filens blad Lokala aktiviteter och under Årsrapport i fliken.`))
  for (const a of report.arenas) {
    out.push(h2(a.name));
    if (a.submissions.length === 0) out.push(p(`${WORDS.notSubmitted}.`, { italics: true }));
    for (const s of a.submissions) {
      out.push(new Paragraph({ spacing: { before: 40, after: 80 }, children: [new TextRun({ text: `Inlämnad ${formatDate(s.submittedAt)} av ${s.submittedBy}${s.comment ? ': ' : '.'}`, bold: true }), new TextRun(s.comment ? `”${s.comment}”` : '')] }));
    }
    out.push(p(`Följt upp ${formatNumber(a.followedUp)} av ${formatNumber(a.followUpTotal)} delaktiviteter i Bilaga 1 (se Bilaga 1, arenornas uppföljning).`));
    for (const line of setAsideLines(a)) out.push(p(line));
    out.push(h3('Lokala aktiviteter'));
    if (counted && a.local.length) {
      const { lines, overdue } = localStatusCounts(a.local);
      out.push(p(`${formatNumber(a.local.length)} lokala delaktiviteter${overdue ? `, varav ${formatNumber(overdue)} försenade` : ''}. Var och en finns i Excel-filens blad Lokala aktiviteter.`));
      out.push(table(['Status', 'Delaktiviteter'], lines.map((l) => [l.text, formatNumber(l.count)]), [4, 1.4], { width: Math.floor(PORTRAIT_WIDTH * 0.6) }));
      continue;
    }
    out.push(a.local.length
      ? table(['Aktivitet / delaktivitet', 'Status', 'Anteckning', 'Svar på mått'], a.local.map((r) => [`${r.activityTitle}:\n${r.subTitle}`, `${r.statusText}${r.overdue ? '\nFörsenad' : ''}`, r.statusNote, r.measureAnswer]), [5, 2.6, 4, 2])
      : p('Inga lokala aktiviteter.'));
  }
  return out;
}

function analysisSection(report: Report): Block[] {
  const out: Block[] = [h1('analys', section('analys').title)];
  for (const a of report.analysis) {
    out.push(h2(`Strategi ${a.number}: ${a.title}`));
    if (!a.text.trim()) out.push(p('Ingen analys skriven.', { italics: true }));
    else {
      out.push(...paragraphs(a.text));
      if (a.updatedAt) out.push(p(`Skriven av ${a.updatedBy ?? ''}, ${formatDate(a.updatedAt)}.`, { italics: true }));
    }
  }
  return out;
}

function eventRows(events: HistoryEvent[], arenaName: (id: string) => string): string[][] {
  return events.map((e) => [formatDateTime(e.at), arenaName(e.scopeId), `${e.title}${e.parent ? `\n(${e.parent})` : ''}`, [...e.lines, ...(e.comment ? [`Kommentar: ${e.comment}`] : [])].join('\n'), e.actor]);
}

function changesSection(report: Report): Block[] {
  const arenaName = (id: string) => report.arenaNames[id] ?? id;
  const out: Block[] = [h1('forandringar', section('forandringar').title)];
  const { count } = report.changes;
  if (count === 0) return [...out, p('Inga förändringar under perioden.')];
  if (count > CHANGES_LISTED_MAX) {
    out.push(p(`${formatNumber(count)} förändringar under perioden. Här antalet per arena; varje förändring finns i Excel-filens blad Historik.`));
    out.push(table(['Arena', 'Förändringar'], report.changes.byArena.map((g) => [g.title, formatNumber(g.count)]), [4, 1]));
    return out;
  }
  out.push(p(`${formatNumber(count)} förändringar, var och en en gång, per strategi och de senaste först.`));
  for (const g of report.changes.byStrategy) out.push(h2(g.title), table(['När', 'Arena', 'Vad', 'Ändring', 'Vem'], eventRows(g.events, arenaName), [2, 2, 4, 4.5, 2]));
  return out;
}

export async function reportDocx(report: Report): Promise<Buffer> {
  const footer = new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [`${report.title} · ${report.sender} · Sida `, PageNumber.CURRENT, ' av ', PageNumber.TOTAL_PAGES], size: 16 })] })],
  });
  const margin = { top: 1134, bottom: 1134, left: 1134, right: 1134 };
  const portrait = (children: Block[]): ISectionOptions => ({ properties: { page: { margin } }, footers: { default: footer }, children });
  const matrix = matrixBlocks(report);
  const sections: ISectionOptions[] = matrix.landscape
    ? [
        portrait([...titlePage(report), ...summarySection(report), ...bilaga1Section(report)]),
        { properties: { page: { margin, size: { orientation: PageOrientation.LANDSCAPE } } }, footers: { default: footer }, children: matrix.blocks },
        portrait([...measuresSection(report, true), ...arenasSection(report), ...analysisSection(report), ...changesSection(report)]),
      ]
    : [portrait([...titlePage(report), ...summarySection(report), ...bilaga1Section(report), ...matrix.blocks, ...measuresSection(report), ...arenasSection(report), ...analysisSection(report), ...changesSection(report)])];
  const doc = new Document({
    creator: report.sender || 'Gemensam plan',
    title: report.title,
    description: `${report.title}: ${report.planName}`,
    styles: { default: { document: { run: { font: 'Calibri', size: 21, language: LANGUAGE } } } },
    sections,
  });
  return Packer.toBuffer(doc);
}
