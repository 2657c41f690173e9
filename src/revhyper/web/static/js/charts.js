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

const DAY = 86400;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Tick steps tried, smallest first: in days, then in months. */
const DAY_STEPS = [1, 2, 3, 7, 14];
const MONTH_STEPS = [1, 2, 3, 6, 12];
/** Room a tick's label needs on the axis [CSS px] ("12 Dec", "Jan 2027"). */
const TICK_ROOM_PX = 64;
/** Room the y axis takes on the left of the plot [CSS px] (its `size` below). */
const Y_AXIS_PX = 56;

/**
 * The time axis for days `xs` (seconds since 1970 at UTC midnight) on a plot `widthPx` wide:
 * `range` [s] (the data with room either side: at least 3 days, so one session or one week
 * still reads as days), `ticks` [s] (UTC midnights, or firsts of months for long spans) and
 * their `labels` ("2 Dec", or "Dec" / "Jan 2027" by month), as many as fit the width.
 */
export function timeAxis(xs, widthPx) {
  const known = xs.filter((x) => Number.isFinite(x));
  const now = Math.floor(Date.now() / 1000 / DAY) * DAY;
  const first = known.length ? Math.min(...known) : now;
  const last = known.length ? Math.max(...known) : now;
  const pad = Math.max(3 * DAY, 0.05 * (last - first));
  const range = [first - pad, last + pad];
  const most = Math.max(2, Math.floor((widthPx - Y_AXIS_PX) / TICK_ROOM_PX));
  for (const step of DAY_STEPS) {
    const ticks = dayTicks(range, step);
    if (ticks.length <= most) return { range, ticks, labels: ticks.map(dayLabel) };
  }
  for (const step of MONTH_STEPS) {
    const ticks = monthTicks(range, step);
    if (ticks.length <= most || step === 12) {
      return { range, ticks, labels: ticks.map((tick, index) => monthLabel(tick, index === 0)) };
    }
  }
  return { range, ticks: [], labels: [] };
}

/** UTC midnights in `range` every `step` days (weeks and fortnights start on Mondays). */
function dayTicks([from, to], step) {
  // 1970-01-01 was a Thursday: shifting by 4 days puts Mondays on multiples of 7 days.
  const offset = step % 7 === 0 ? 4 * DAY : 0;
  const ticks = [];
  for (let tick = Math.ceil((from - offset) / (step * DAY)) * step * DAY + offset; tick <= to; tick += step * DAY) {
    ticks.push(tick);
  }
  return ticks;
}

/** Firsts of months in `range` every `step` months (from January). */
function monthTicks([from, to], step) {
  const start = new Date(from * 1000);
  let year = start.getUTCFullYear();
  let month = Math.ceil(start.getUTCMonth() / step) * step;
  const ticks = [];
  for (;;) {
    const tick = Date.UTC(year + Math.floor(month / 12), month % 12, 1) / 1000;
    if (tick > to) return ticks;
    if (tick >= from) ticks.push(tick);
    month += step;
  }
}

function dayLabel(seconds) {
  const day = new Date(seconds * 1000);
  return `${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]}`;
}

function monthLabel(seconds, first) {
  const day = new Date(seconds * 1000);
  const month = MONTHS[day.getUTCMonth()];
  return first || day.getUTCMonth() === 0 ? `${month} ${day.getUTCFullYear()}` : month;
}

/** Room on either side of the first and last bar when x is not time: half a step. */
function xScale(axisOf, bars) {
  if (axisOf()) return { time: true, range: () => axisOf().range };
  if (!bars) return { time: false };
  return { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] };
}

/** The x axis's ticks and labels: the time axis's own when x is time, uPlot's otherwise. */
function xTicks(axisOf) {
  if (!axisOf()) return {};
  return { splits: () => axisOf().ticks, values: () => axisOf().labels };
}

function options(uPlot, { width, height, axisOf, bars, yLabel, series, xLabel }) {
  const paths = bars ? uPlot.paths.bars({ size: [0.6, 48] }) : undefined;
  return {
    width,
    height,
    legend: { show: false },
    cursor: { show: false },
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
    scales: { x: xScale(axisOf, bars), y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
    axes: [
      { stroke: '#374151', grid: { stroke: '#e5e7eb' }, label: xLabel, size: xLabel ? 48 : 40, ...xTicks(axisOf) },
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
    // The time axis is worked out again for each width: a narrower chart gets fewer ticks.
    let axis = null;
    const axisOf = () => axis;
    const measure = (width) => {
      axis = time ? timeAxis(x, width) : null;
      showAxis(box.current, axis);
    };
    const observer = new ResizeObserver(() => {
      if (!plot || !box.current) return;
      measure(box.current.clientWidth);
      plot.setSize({ width: box.current.clientWidth, height });
    });
    loadUPlot().then((uPlot) => {
      if (!live || !box.current) return;
      const width = box.current.clientWidth;
      measure(width);
      const opts = options(uPlot, { width, height, axisOf, bars, yLabel, xLabel, series });
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

/** The time axis uPlot draws on its canvas, also written on the chart's box (`data-x-range`,
 * seconds; `data-x-labels`, the tick labels joined by "|") where tests and tools can read it. */
function showAxis(box, axis) {
  if (!axis) return;
  box.dataset.xRange = axis.range.join(',');
  box.dataset.xLabels = axis.labels.join('|');
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
