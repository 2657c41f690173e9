// Charts: a thin Preact wrapper around uPlot (loaded on first use from /static/vendor). It draws
// the numbers it is given, as they are, sized to its container and redrawn when that resizes
// (a phone turned sideways). The canvas is hidden from screen readers: each chart's page gives
// a caption and a table of the same numbers.

import { html, useEffect, useRef } from './html.js';

let uPlotModule = null;

/** uPlot's constructor, imported once. */
export function loadUPlot() {
  if (!uPlotModule) uPlotModule = import('/static/vendor/uplot.js').then((m) => m.default);
  return uPlotModule;
}

/** Colours at 3:1 or more against white, told apart by the legend's names too. */
export const PALETTE = ['#166534', '#1d4ed8', '#b91c1c', '#7c3aed', '#b45309', '#0f766e'];

/** Seconds since 1970 at UTC midnight of an ISO date (uPlot's time scale is in seconds). */
export function dayToSeconds(iso) {
  const [year, month, day] = iso.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / 1000;
}

/** Room on either side of the first and last bar: half a week on a time scale, else half a step. */
function barPadding(time) {
  return time ? 3.5 * 86400 : 0.5;
}

function xScale(time, bars) {
  if (!bars) return { time };
  const pad = barPadding(time);
  return { time, range: (_u, min, max) => [min - pad, max + pad] };
}

function options(uPlot, { width, height, time, bars, yLabel, series, xLabel }) {
  const paths = bars ? uPlot.paths.bars({ size: [0.6, 48] }) : undefined;
  return {
    width,
    height,
    legend: { show: false },
    cursor: { show: false },
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
    scales: { x: xScale(time, bars), y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
    axes: [
      { stroke: '#374151', grid: { stroke: '#e5e7eb' }, label: xLabel, size: xLabel ? 48 : 40 },
      { stroke: '#374151', grid: { stroke: '#e5e7eb' }, label: yLabel, size: 56 },
    ],
    series: [
      {},
      ...series.map((one, index) => ({
        label: one.label,
        stroke: one.color || PALETTE[index % PALETTE.length],
        fill: bars ? (one.color || PALETTE[index % PALETTE.length]) + '99' : undefined,
        width: 2,
        paths,
        spanGaps: true,
        points: { show: !bars, size: 7 },
      })),
    ],
  };
}

/**
 * A chart of `series` ([{label, values, color?}]) over `x` (numbers; with `time`, seconds).
 * `bars` draws bars instead of lines; values may be null where a series has no point.
 */
export function Chart({ x, series, time = true, bars = false, yLabel, xLabel, height = 220, testId }) {
  const box = useRef(null);
  useEffect(() => {
    let plot = null;
    let live = true;
    const observer = new ResizeObserver(() => {
      if (plot && box.current) plot.setSize({ width: box.current.clientWidth, height });
    });
    loadUPlot().then((uPlot) => {
      if (!live || !box.current) return;
      const opts = options(uPlot, { width: box.current.clientWidth, height, time, bars, yLabel, xLabel, series });
      plot = new uPlot(opts, [x, ...series.map((one) => one.values)], box.current);
      observer.observe(box.current);
    });
    return () => {
      live = false;
      observer.disconnect();
      if (plot) plot.destroy();
    };
  }, [JSON.stringify({ x, series, time, bars, yLabel, xLabel, height })]);
  return html`<div class="chart-box" ref=${box} aria-hidden="true" data-testid=${testId}></div>`;
}

/** The names and colours of a chart's series, as text (the chart itself draws no legend). */
export function Legend({ series }) {
  if (series.length < 2) return null;
  return html`<ul class="chart-legend">
    ${series.map((one, index) => html`<li>
      <span class="chart-key" style=${{ background: one.color || PALETTE[index % PALETTE.length] }}></span>
      ${one.label}
    </li>`)}
  </ul>`;
}
