// A line chart of one effect measure's values per period (Chart.js, loaded with this view only).
// Series differ by more than colour: each has its own point marker and line pattern, and the
// legend shows them. In the contrast theme every series takes the theme's text colour, and in the
// system's forced colours the system's (CanvasText): a canvas is not recoloured by the browser.
//
// The chart is made once per data (periods and series, which callers memoise) and changed in place
// when the colours change: printing switches to light colours in `beforeprint`, and a chart
// destroyed and re-made then would be blank on paper (Chart.js draws after the print layout).
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Chart as ChartType, ChartConfiguration } from 'chart.js';
import type { ThemeName } from '../auth';

const MARKERS = ['circle', 'triangle', 'rect', 'rectRot', 'star', 'crossRot', 'cross', 'rectRounded'] as const;
const DASHES: number[][] = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
/** Chart.js's own default palette, so that the light and dark themes keep their colours when they change back from print. */
const PALETTE = ['#36a2eb', '#ff6384', '#4bc0c0', '#ff9f40', '#9966ff', '#ffcd56', '#c9cbcf'];

export interface Series {
  label: string;
  data: Array<number | null>;
  /** The y axis the series is drawn against: 'y' (left, the default) or 'y1' (right), where scales differ. */
  axis?: 'y' | 'y1';
}

type ChartClass = typeof import('chart.js/auto').default;
/** Chart.js, once loaded: later charts are made synchronously (in the layout effect, before paint or print). */
let ChartJs: ChartClass | undefined;
const loadChart = () => import('chart.js/auto').then((m) => (ChartJs = m.default));

/** Whether the system forces its own colours (Windows contrast themes). */
export function useForcedColors(): boolean {
  const [forced, setForced] = useState(() => window.matchMedia('(forced-colors: active)').matches);
  useEffect(() => {
    const media = window.matchMedia('(forced-colors: active)');
    const change = () => setForced(media.matches);
    media.addEventListener('change', change);
    return () => media.removeEventListener('change', change);
  }, []);
  return forced;
}

/** A system colour (CanvasText, Canvas, GrayText) as the browser resolves it now, for the canvas. */
function systemColor(name: string): string {
  const probe = document.createElement('span');
  probe.style.color = name;
  probe.style.display = 'none';
  document.body.appendChild(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

function colours(theme: ThemeName, forced: boolean) {
  if (forced) {
    const text = systemColor('CanvasText');
    return { text, grid: systemColor('GrayText'), series: () => text };
  }
  // Teams' contrast theme: white on black, every series in the text colour (told apart by marker and line).
  if (theme === 'contrast') return { text: '#ffffff', grid: 'rgba(255,255,255,0.5)', series: () => '#ffffff' };
  const text = theme === 'default' ? '#242424' : '#ffffff';
  return { text, grid: theme === 'default' ? 'rgba(0,0,0,0.1)' : 'rgba(255,255,255,0.2)', series: (i: number) => PALETTE[i % PALETTE.length]! };
}

/** Sets the colours on a chart's data and options (its config before it is made, or the chart itself). */
function applyColours(chart: Pick<ChartConfiguration<'line'>, 'data' | 'options'>, theme: ThemeName, forced: boolean): void {
  const c = colours(theme, forced);
  chart.data.datasets.forEach((d, i) => {
    d.borderColor = c.series(i);
    d.backgroundColor = c.series(i);
    d.pointBorderColor = c.series(i);
    d.pointBackgroundColor = c.series(i);
  });
  const options = chart.options ?? {};
  options.color = c.text;
  if (options.plugins?.legend?.labels) options.plugins.legend.labels.color = c.text;
  for (const scale of Object.values(options.scales ?? {})) {
    if (!scale) continue;
    if (scale.ticks) scale.ticks.color = c.text;
    if (scale.grid) scale.grid.color = c.grid;
    if ('title' in scale && scale.title) scale.title.color = c.text;
  }
}

function applied(cfg: ChartConfiguration<'line'>, theme: ThemeName, forced: boolean): ChartConfiguration<'line'> {
  applyColours(cfg, theme, forced);
  return cfg;
}

function config(periods: string[], series: Series[], axisTitles?: { y: string; y1: string }): ChartConfiguration<'line'> {
  const twoAxes = series.some((s) => s.axis === 'y1');
  return {
    type: 'line',
    data: {
      labels: periods,
      datasets: series.map((s, i) => ({
        label: s.label,
        data: s.data,
        yAxisID: s.axis ?? 'y',
        spanGaps: true,
        tension: 0.2,
        pointStyle: MARKERS[i % MARKERS.length],
        pointRadius: 5,
        borderDash: DASHES[i % DASHES.length],
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { labels: { usePointStyle: true } } },
      scales: {
        x: { ticks: {}, grid: {} },
        y: { beginAtZero: true, ticks: {}, grid: {}, ...(twoAxes && axisTitles ? { title: { display: true, text: axisTitles.y } } : {}) },
        ...(twoAxes ? { y1: { position: 'right' as const, beginAtZero: true, ticks: {}, grid: { drawOnChartArea: false }, ...(axisTitles ? { title: { display: true, text: axisTitles.y1 } } : {}) } } : {}),
      },
    },
  };
}

export function MeasureChart({ title, periods, series, theme, axisTitles }: { title: string; periods: string[]; series: Series[]; theme: ThemeName; axisTitles?: { y: string; y1: string } }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<ChartType<'line'> | undefined>(undefined);
  const [loaded, setLoaded] = useState(() => ChartJs !== undefined);
  const forced = useForcedColors();
  // The colours the chart is drawn in now, read when it is made.
  const look = useRef({ theme, forced });
  look.current = { theme, forced };

  useEffect(() => {
    if (!loaded) void loadChart().then(() => setLoaded(true));
  }, [loaded]);

  // Made once per data: a re-render with the same (memoised) periods and series keeps the chart.
  useLayoutEffect(() => {
    if (!loaded || !ChartJs || !canvas.current) return;
    // The colours before the first draw: made without them, Chart.js would give each series its own palette's.
    const made = new ChartJs(canvas.current, applied(config(periods, series, axisTitles), look.current.theme, look.current.forced)) as ChartType<'line'>;
    chart.current = made;
    return () => {
      made.destroy();
      chart.current = undefined;
    };
  }, [loaded, periods, series, axisTitles]);

  // New colours (a theme change, printing, forced colours) redraw the same chart at once.
  useLayoutEffect(() => {
    const made = chart.current;
    if (!made) return;
    applyColours(made, theme, forced);
    made.update('none');
  }, [theme, forced]);

  return (
    <div style={{ position: 'relative', height: 260 }} data-chart="" data-series={series.map((s) => `${s.label}:${s.axis ?? 'y'}`).join('|')}>
      <canvas ref={canvas} role="img" aria-label={`Diagram: ${title}. Värdena finns i tabellen nedan.`} />
    </div>
  );
}
