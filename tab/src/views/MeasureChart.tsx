// A line chart of one effect measure's values per period (Chart.js, loaded with this view only).
// Series differ by more than colour: each has its own point marker and line pattern, and the
// legend shows them. In high contrast every series takes the theme's text colour.
import { useEffect, useRef } from 'react';
import type { ThemeName } from '../auth';

const MARKERS = ['circle', 'triangle', 'rect', 'rectRot', 'star', 'crossRot', 'cross', 'rectRounded'] as const;
const DASHES: number[][] = [[], [6, 4], [2, 3], [10, 3, 2, 3]];

export interface Series {
  label: string;
  data: Array<number | null>;
}

export function MeasureChart({ title, periods, series, theme }: { title: string; periods: string[]; series: Series[]; theme: ThemeName }) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    void import('chart.js/auto').then(({ default: Chart }) => {
      if (cancelled || !canvas.current) return;
      const text = theme === 'default' ? '#242424' : '#ffffff';
      const grid = theme === 'default' ? 'rgba(0,0,0,0.1)' : 'rgba(255,255,255,0.2)';
      chart = new Chart(canvas.current, {
        type: 'line',
        data: {
          labels: periods,
          datasets: series.map((s, i) => ({
            label: s.label,
            data: s.data,
            spanGaps: true,
            tension: 0.2,
            pointStyle: MARKERS[i % MARKERS.length],
            pointRadius: 5,
            borderDash: DASHES[i % DASHES.length],
            ...(theme === 'contrast' ? { borderColor: text, backgroundColor: text } : {}),
          })),
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          color: text,
          plugins: { legend: { labels: { color: text, usePointStyle: true } } },
          scales: { x: { ticks: { color: text }, grid: { color: grid } }, y: { beginAtZero: true, ticks: { color: text }, grid: { color: grid } } },
        },
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [periods, series, theme]);

  return (
    <div style={{ position: 'relative', height: 260 }}>
      <canvas ref={canvas} role="img" aria-label={`Diagram: ${title}. Värdena finns i tabellen nedan.`} />
    </div>
  );
}
