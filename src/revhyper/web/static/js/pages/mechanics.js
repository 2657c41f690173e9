// Mechanics page: the machine model's hip moment over the swing angle for one's own body and
// machine (GET /tools/mechanics), redrawn as the sliders move. The numbers (moments, peaks,
// equivalent plates) all come from the API; this page converts the user's unit for the fields
// and draws the curves with uPlot, loaded lazily, with a text summary for screen readers.

import { html, useState, useEffect, useRef } from '../html.js';
import {
  ErrorMessage, Loading, Page, NeedsAthlete, useApi, toKg, fromKg, formatLoad,
} from '../ui.js';

const UPLOT_JS = '/static/vendor/uplot.js';
const UPLOT_CSS = '/static/vendor/uplot.css';
/** Wait after the last change before asking the server again [ms]. */
const SETTLE_MS = 250;
const CURVE_COLOURS = ['#1d4ed8', '#b91c1c', '#047857'];

let uplotLoading = null;

/** The uPlot module and its stylesheet, fetched once on first use. */
function loadUplot() {
  if (!uplotLoading) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = UPLOT_CSS;
    document.head.appendChild(link);
    uplotLoading = import(UPLOT_JS).then((module) => module.default);
  }
  return uplotLoading;
}

/** The fields' first values: the athlete's profile, else an average adult. */
function startingValues(athlete) {
  const profile = (athlete && athlete.profile) || {};
  const unit = profile.unit || 'kg';
  return {
    unit,
    bodyMass: fromKg(profile.body_mass || 80, unit),
    height: profile.height || 1.75,
    sex: profile.sex || 'male',
    plates: fromKg(20, unit),
    armLength: 0.9,
    armMass: fromKg(10, unit),
  };
}

function queryOf(values) {
  return {
    body_mass_kg: toKg(values.bodyMass, values.unit),
    height_m: values.height,
    sex: values.sex,
    setup: ['bench', 'machine'],
    plate_kg: toKg(values.plates, values.unit),
    arm_length_m: values.armLength,
    arm_mass_kg: toKg(values.armMass, values.unit),
  };
}

/** `value`, but only once it has stopped changing for `ms`. */
function useSettled(value, ms) {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [key]);
  return settled;
}

/** A number with a slider beside its field; both change the same value. */
function SliderField({ id, label, unit, value, min, max, step, onChange }) {
  const change = (event) => {
    const number = Number(event.target.value);
    if (event.target.value !== '' && Number.isFinite(number)) onChange(number);
  };
  return html`<div class="field slider-field">
    <label for=${id}>${label} (${unit})</label>
    <div class="row">
      <input type="range" id=${id + '-slider'} aria-label=${`${label} slider`}
        min=${min} max=${max} step=${step} value=${value} onInput=${change} />
      <input type="number" id=${id} inputmode="decimal" min=${min} max=${max} step=${step}
        value=${value} onChange=${change} />
    </div>
  </div>`;
}

function Controls({ values, set }) {
  const massMax = values.unit === 'lb' ? 440 : 200;
  const field = (name) => (number) => set({ ...values, [name]: number });
  return html`<form class="card stack mechanics-controls" onSubmit=${(e) => e.preventDefault()}>
    <${SliderField} id="mech-body-mass" label="Body mass" unit=${values.unit}
      value=${values.bodyMass} min=${values.unit === 'lb' ? 66 : 30} max=${massMax} step="0.5"
      onChange=${field('bodyMass')} />
    <${SliderField} id="mech-height" label="Height" unit="m" value=${values.height}
      min="1.2" max="2.2" step="0.01" onChange=${field('height')} />
    <${SliderField} id="mech-plates" label="Plates on the arm" unit=${values.unit}
      value=${values.plates} min="0" max=${values.unit === 'lb' ? 440 : 200} step="0.5"
      onChange=${field('plates')} />
    <${SliderField} id="mech-arm-length" label="Arm length, pivot to plate horn" unit="m"
      value=${values.armLength} min="0.3" max="1.5" step="0.01" onChange=${field('armLength')} />
    <${SliderField} id="mech-arm-mass" label="Empty arm's mass" unit=${values.unit}
      value=${values.armMass} min="0" max=${values.unit === 'lb' ? 110 : 50} step="0.5"
      onChange=${field('armMass')} />
    <div class="field">
      <label for="mech-sex">Body model</label>
      <select id="mech-sex" value=${values.sex}
        onChange=${(e) => set({ ...values, sex: e.target.value })}>
        <option value="male">Male segment masses</option>
        <option value="female">Female segment masses</option>
      </select>
    </div>
  </form>`;
}

/** The uPlot chart of every setup's moment over the angle; redrawn when `document` changes. */
function MomentChart({ document: doc }) {
  const box = useRef(null);
  const chart = useRef(null);
  const [failed, setFailed] = useState(null);
  useEffect(() => {
    let gone = false;
    loadUplot().then((uPlot) => {
      if (gone || !box.current) return;
      const data = [doc.angles_deg, ...doc.setups.map((s) => s.moment_n_m)];
      if (chart.current && chart.current.series.length === data.length) {
        chart.current.setData(data);
        return;
      }
      if (chart.current) chart.current.destroy();
      chart.current = new uPlot(chartOptions(doc, box.current.clientWidth), data, box.current);
    }).catch(() => setFailed('The chart could not be drawn; the summary below has its numbers.'));
    return () => { gone = true; };
  }, [doc]);
  useEffect(() => () => chart.current && chart.current.destroy(), []);
  return html`<div>
    <div ref=${box} class="mechanics-chart" aria-hidden="true"></div>
    ${failed ? html`<p class="error">${failed}</p>` : null}
  </div>`;
}

function chartOptions(doc, width) {
  return {
    width: Math.max(280, width),
    height: 260,
    scales: { x: { time: false } },
    legend: { live: false },
    axes: [
      { label: 'Thigh angle (°)' },
      { label: 'Hip moment (N·m)' },
    ],
    series: [
      { label: 'Angle (°)' },
      ...doc.setups.map((s, i) => ({ label: s.label, stroke: CURVE_COLOURS[i % 3], width: 2 })),
    ],
  };
}

/** The chart's numbers in words: each setup's peak moment and where it happens. */
function Summary({ document: doc }) {
  return html`<ul class="stack mechanics-summary" aria-live="polite" aria-label="Summary">
    ${doc.setups.map((s) => html`<li key=${s.setup}>
      <strong>${s.label}</strong>: peak <span class="peak">${s.peak_n_m} N·m</span>${' '}
      ${`at ${s.peak_angle_deg}°, mean ${s.mean_n_m} N·m (${Math.round(s.strength_fraction * 100)}% `
        + `of your estimated hip strength, ${doc.strength_n_m} N·m).`}
    </li>`)}
  </ul>`;
}

export default function Mechanics({ athlete }) {
  const [values, setValues] = useState(() => startingValues(athlete));
  const profileKey = athlete ? `${athlete.id}-${athlete.profile.unit}-${athlete.profile.body_mass}` : '';
  useEffect(() => setValues(startingValues(athlete)), [profileKey]);
  const settled = useSettled(values, SETTLE_MS);
  const { data, error, loading } = useApi('/tools/mechanics', queryOf(settled));
  if (!athlete) return html`<${Page} title="Mechanics"><${NeedsAthlete} /><//>`;
  return html`<${Page} title="Mechanics">
    <p class="muted">How hard your hips work through the swing, for your body on the machine
      and on a bench. Move a slider or type a number to redraw.</p>
    <${Controls} values=${values} set=${setValues} />
    <${ErrorMessage} error=${error} />
    ${loading && !data ? html`<${Loading} what="Working out the moments" />` : null}
    ${data ? html`<figure class="card">
      <${MomentChart} document=${data} />
      <figcaption>${`Hip extension moment (N·m) over the thigh angle (°) for `
        + `${data.setups.map((s) => s.label).join(' and ')}; `
        + `${formatLoad(data.athlete.body_mass_kg, values.unit)}, ${data.athlete.height_m} m.`}</figcaption>
      <${Summary} document=${data} />
    </figure>` : null}
  <//>`;
}
