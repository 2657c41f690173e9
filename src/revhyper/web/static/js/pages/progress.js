// Progress: the athlete's figures from GET /athletes/{id}/progress drawn as charts (weekly
// volume, e1RM over time, back pain, plan adherence) and a table of personal records. Every
// figure is the API's; this page only converts loads to the athlete's unit for display. Each
// chart has a caption and a button that shows the same numbers as a table.

import { html, useState } from '../html.js';
import { Page, ErrorMessage, Loading, NeedsAthlete, useApi, formatLoad, fromKg } from '../ui.js';
import { Chart, Legend, PALETTE, dayToSeconds } from '../charts.js';
import { formatDay } from './history.js';

export default function Progress({ athlete }) {
  if (!athlete) return html`<${Page} title="Progress"><${NeedsAthlete} /><//>`;
  return html`<${Page} title="Progress"><${AthleteProgress} athlete=${athlete} key=${athlete.id} /><//>`;
}

function AthleteProgress({ athlete }) {
  const report = useApi(`/athletes/${athlete.id}/progress`);
  const variations = useApi('/variations');
  if (report.error) return html`<${ErrorMessage} error=${report.error} />`;
  if (!report.data) return html`<${Loading} what="Loading progress" />`;
  const data = report.data;
  const names = {};
  for (const item of (variations.data && variations.data.items) || []) names[item.id] = item.name;
  const nameOf = (id) => names[id] || id;
  if (data.sessions === 0) {
    return html`<p>No sessions logged yet: the charts appear once sets are logged.</p>`;
  }
  return html`
    <p class="muted">${data.sessions} ${data.sessions === 1 ? 'session' : 'sessions'} logged.
      Loads in ${data.unit}.</p>
    <${VolumeFigure} data=${data} />
    <${E1rmFigure} data=${data} nameOf=${nameOf} />
    <${RecordsTable} data=${data} nameOf=${nameOf} />
    <${PainFigure} data=${data} />
    <${AdherenceFigure} data=${data} />`;
}

/** A chart with its heading, caption, and a toggle that shows its numbers as a table. */
function Figure({ id, title, caption, chart, table }) {
  const [open, setOpen] = useState(false);
  return html`<section class="card progress-figure" aria-labelledby=${id + '-title'}>
    <h2 id=${id + '-title'}>${title}</h2>
    <figure aria-labelledby=${id + '-caption'}>
      ${chart}
      <figcaption id=${id + '-caption'}>${caption}</figcaption>
    </figure>
    <button type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls=${id + '-table'}
      onClick=${() => setOpen(!open)}>${open ? 'Hide the numbers' : 'Show the numbers'}</button>
    <div id=${id + '-table'} class="table-scroll" hidden=${!open} tabindex=${open ? 0 : undefined}
      role="group" aria-label=${`${title}: the numbers`}>${open ? table : null}</div>
  </section>`;
}

function Table({ caption, head, rows }) {
  return html`<table>
    <caption class="visually-hidden">${caption}</caption>
    <thead><tr>${head.map((name) => html`<th scope="col">${name}</th>`)}</tr></thead>
    <tbody>${rows.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody>
  </table>`;
}

function VolumeFigure({ data }) {
  const unit = data.unit;
  const weeks = data.volume;
  const skipped = data.weeks_without_training;
  const caption = `Working volume (reps × load) per week with training, in ${unit}: ${weeks.length}
    ${weeks.length === 1 ? 'week' : 'weeks'}` + (skipped ? `; ${skipped} more without training.` : '.');
  const chart = html`<${Chart} testId="chart-volume" bars=${true} yLabel=${unit}
    x=${weeks.map((w) => dayToSeconds(w.week_start))}
    series=${[{ label: `Volume (${unit})`, values: weeks.map((w) => fromKg(w.volume_load_kg, unit)) }]} />`;
  const table = html`<${Table} caption="Weekly volume"
    head=${['Week of', 'Sessions', 'Sets', 'Reps', 'Volume']}
    rows=${weeks.map((w) => [formatDay(w.week_start), w.sessions, w.sets, w.reps,
      formatLoad(w.volume_load_kg, unit)])} />`;
  return html`<${Figure} id="volume" title="Weekly volume" caption=${caption} chart=${chart} table=${table} />`;
}

/** One series per variation over the days that have an e1RM (null where it has none). */
function e1rmSeries(points, unit, nameOf) {
  const days = [...new Set(points.map((p) => p.day))].sort();
  const variations = [...new Set(points.map((p) => p.variation))];
  const series = variations.map((variation, index) => {
    const byDay = new Map(points.filter((p) => p.variation === variation).map((p) => [p.day, p]));
    return {
      label: nameOf(variation),
      color: PALETTE[index % PALETTE.length],
      values: days.map((day) => (byDay.has(day) ? fromKg(byDay.get(day).e1rm_kg, unit) : null)),
    };
  });
  return { x: days.map(dayToSeconds), series };
}

function E1rmFigure({ data, nameOf }) {
  const unit = data.unit;
  const points = data.e1rm;
  if (points.length === 0) {
    return html`<section class="card"><h2>Estimated 1RM</h2>
      <p class="muted">No loaded working sets yet, so no e1RM to show.</p></section>`;
  }
  const { x, series } = e1rmSeries(points, unit, nameOf);
  const caption = `Estimated one-rep max (${data.method} formula) by day, in ${unit}, for
    ${series.map((s) => s.label).join(', ')}.`;
  const chart = html`<${Chart} testId="chart-e1rm" yLabel=${unit} x=${x} series=${series} />
    <${Legend} series=${series} />`;
  const table = html`<${Table} caption="Estimated 1RM by day"
    head=${['Day', 'Variation', 'e1RM', 'From']}
    rows=${points.map((p) => [formatDay(p.day), nameOf(p.variation), formatLoad(p.e1rm_kg, unit),
      `${p.reps} × ${formatLoad(p.load_kg, unit)}`])} />`;
  return html`<${Figure} id="e1rm" title="Estimated 1RM" caption=${caption} chart=${chart} table=${table} />`;
}

function recordValue(record, unit) {
  return record.kind === 'most reps' ? `${record.value} reps` : formatLoad(record.value, unit);
}

function RecordsTable({ data, nameOf }) {
  const unit = data.unit;
  return html`<section class="card" aria-labelledby="records-title">
    <h2 id="records-title">Personal records</h2>
    ${data.records.length === 0 ? html`<p class="muted">No records yet.</p>` : html`
      <div class="table-scroll" data-testid="records" tabindex="0" role="group"
        aria-label="Personal records: the table">
        <${Table} caption="Personal records" head=${['Variation', 'Record', 'Best']}
          rows=${data.records.map((r) => [nameOf(r.variation), r.kind, html`
            <strong>${recordValue(r, unit)}</strong>
            <small class="record-set">${r.reps} × ${formatLoad(r.load_kg, unit)}, ${formatDay(r.day)}</small>`])} />
      </div>`}
  </section>`;
}

function painCell(value) {
  return value === null ? '–' : `${value}/10`;
}

function PainFigure({ data }) {
  const days = data.pain;
  if (days.length === 0) {
    return html`<section class="card"><h2>Back pain</h2>
      <p class="muted">No pain noted yet.</p></section>`;
  }
  const series = [
    { label: 'Before', values: days.map((d) => d.before), color: PALETTE[1] },
    { label: 'Most during', values: days.map((d) => d.max_during), color: PALETTE[2] },
    { label: 'After', values: days.map((d) => d.after), color: PALETTE[3] },
  ];
  const threshold = data.pain_threshold === null ? '' : ` A set stops at ${data.pain_threshold}/10.`;
  const caption = `Back pain (0–10) before, during and after each session with pain noted.${threshold}`;
  const chart = html`<${Chart} testId="chart-pain" yLabel="pain 0–10"
    x=${days.map((d) => dayToSeconds(d.day))} series=${series} />
    <${Legend} series=${series} />`;
  const table = html`<${Table} caption="Back pain by day"
    head=${['Day', 'Before', 'Most during', 'After', 'Warning']}
    rows=${days.map((d) => [formatDay(d.day), painCell(d.before), painCell(d.max_during),
      painCell(d.after), painWarning(d)])} />`;
  return html`<${Figure} id="pain" title="Back pain" caption=${caption} chart=${chart} table=${table} />`;
}

function painWarning(day) {
  const warnings = [];
  if (day.stopped_a_set) warnings.push('stopped a set');
  if (day.rose_too_much) warnings.push('rose too much');
  return warnings.join(', ') || '–';
}

function percent(fraction) {
  return fraction.toLocaleString(undefined, { style: 'percent', maximumFractionDigits: 0 });
}

function AdherenceFigure({ data }) {
  const weeks = data.adherence;
  if (weeks.length === 0) {
    return html`<section class="card"><h2>Plan adherence</h2>
      <p class="muted">${data.adherence_gap || 'No plan weeks to compare yet.'}</p></section>`;
  }
  const start = data.plan_start ? ` of the plan started ${formatDay(data.plan_start)}` : '';
  const caption = `Share of planned sets done in each week${start}.`;
  const chart = html`<${Chart} testId="chart-adherence" bars=${true} time=${false}
    xLabel="plan week" yLabel="% of sets"
    x=${weeks.map((w) => w.week)}
    series=${[{ label: 'Sets done (%)', values: weeks.map((w) => w.set_fraction * 100) }]} />`;
  const table = html`<${Table} caption="Plan adherence by week"
    head=${['Week', 'Sessions done', 'Sets done', 'Share of sets']}
    rows=${weeks.map((w) => [w.week, `${w.done_sessions} of ${w.planned_sessions}`,
      `${w.done_sets} of ${w.planned_sets}`, percent(w.set_fraction)])} />`;
  return html`<${Figure} id="adherence" title="Plan adherence" caption=${caption} chart=${chart} table=${table} />`;
}
