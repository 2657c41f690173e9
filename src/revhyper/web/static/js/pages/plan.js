// The Plan page: the screening questions (a new athlete's profile, or the owner's changes to
// it), the screening's verdict and reasons, the plan form (owner or coach), and the active plan
// as a week view (days stacked on a phone, a grid on wider screens; today's day highlighted).
// Choices and bounds come from GET /profile-choices; screening and plans from the API: the page
// only shows them, and shows the server's own words when it refuses.

import { html, useState } from '../html.js';
import { api, ApiError, newKey } from '../api.js';
import { ErrorMessage, Field, Loading, NeedsAthlete, Page, toKg, fromKg, useApi } from '../ui.js';

/** Today on this device, as the plan's dates are written (YYYY-MM-DD). */
function localToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "12–15" for a range [12, 15], "10" for a number, "" for nothing. */
function span(value, unit = '') {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? `${value[0]}–${value[1]}` : String(value);
  return unit ? `${text} ${unit}` : text;
}

function readableDate(iso) {
  const [year, month, day] = iso.split('-').map(Number);
  return new Date(year, month - 1, day).toLocaleDateString(undefined, {
    weekday: 'short', day: 'numeric', month: 'short',
  });
}

// ------------------------------------------------------------------ the profile form

/** The form's starting values: the athlete's profile, or a blank one for a new athlete. */
function initialFields(profile, choices) {
  if (!profile) {
    return {
      name: '', goal: choices.goals[0].id, level: choices.levels[0].id, equipment: [], injury: [],
      pain: '0', medical_care: false, clearance: false, body_mass: '', height: '', sex: '',
      known_set: '', unit: choices.units[0], plates: '',
    };
  }
  const unit = profile.unit || 'kg';
  return {
    name: profile.name, goal: profile.goal, level: profile.level,
    equipment: [...profile.equipment], injury: [...profile.injuries],
    pain: String(profile.back_pain), medical_care: profile.under_medical_care,
    clearance: profile.medical_clearance,
    body_mass: profile.body_mass_kg === null ? '' : String(fromKg(profile.body_mass_kg, unit)),
    height: profile.height_m === null ? '' : String(profile.height_m),
    sex: profile.sex || '', known_set: '', unit, plates: '',
  };
}

/** The JSON document for POST /athletes (`creating`) or PATCH /athletes/{id}. */
function profileDocument(fields, creating) {
  const document = {
    goal: fields.goal, level: fields.level, equipment: fields.equipment, injury: fields.injury,
    pain: Number(fields.pain), medical_care: fields.medical_care, clearance: fields.clearance,
    unit: fields.unit,
  };
  if (fields.body_mass !== '') document.body_mass = toKg(Number(fields.body_mass), fields.unit);
  if (fields.height !== '') document.height = Number(fields.height);
  if (creating) {
    document.name = fields.name.trim();
    if (fields.sex) document.sex = fields.sex;
    if (fields.known_set.trim()) document.known_set = fields.known_set.trim();
    if (fields.plates.trim()) document.plates = fields.plates.trim();
  }
  return document;
}

function CheckboxGroup({ legend, name, options, chosen, onChange, hint }) {
  const toggle = (id, on) => onChange(on ? [...chosen, id] : chosen.filter((c) => c !== id));
  return html`<fieldset class="choice-group">
    <legend>${legend}</legend>
    ${hint ? html`<p class="hint">${hint}</p>` : null}
    ${options.map((option) => html`<label class="check">
      <input type="checkbox" name=${name} value=${option.id} checked=${chosen.includes(option.id)}
        onChange=${(e) => toggle(option.id, e.target.checked)} />
      <span>${option.name}</span>
    </label>`)}
  </fieldset>`;
}

function Select({ id, label, value, options, onChange, hint }) {
  return html`<${Field} label=${label} id=${id} hint=${hint}>
    <select id=${id} value=${value} onChange=${(e) => onChange(e.target.value)}
      aria-describedby=${hint ? id + '-hint' : undefined}>
      ${options.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
    </select>
  <//>`;
}

function Check({ id, label, checked, onChange }) {
  return html`<label class="check" for=${id}>
    <input id=${id} type="checkbox" checked=${checked} onChange=${(e) => onChange(e.target.checked)} />
    <span>${label}</span>
  </label>`;
}

function NumberField({ id, label, value, range, step, onChange, hint }) {
  return html`<${Field} label=${label} id=${id} hint=${hint}>
    <input id=${id} type="number" inputmode="decimal" value=${value} step=${step}
      min=${range ? range.low : undefined} max=${range ? range.high : undefined}
      aria-describedby=${hint ? id + '-hint' : undefined}
      onInput=${(e) => onChange(e.target.value)} />
  <//>`;
}

function TextField({ id, label, value, onChange, hint, required, maxLength }) {
  return html`<${Field} label=${label} id=${id} hint=${hint}>
    <input id=${id} value=${value} required=${required} maxlength=${maxLength}
      aria-describedby=${hint ? id + '-hint' : undefined}
      onInput=${(e) => onChange(e.target.value)} />
  <//>`;
}

function ProfileFields({ fields, set, choices, creating }) {
  const named = (list) => list.map((value) => ({ id: value, name: value }));
  const pain = choices.pain;
  const painOptions = [];
  for (let score = pain.low; score <= pain.high; score += 1) {
    painOptions.push({ id: String(score), name: String(score) });
  }
  return html`
    ${creating ? html`<${TextField} id="plan-name" label="Name" value=${fields.name} required
      maxLength="100" onChange=${(v) => set('name', v)} />` : null}
    <${Select} id="plan-goal" label="Goal" value=${fields.goal} options=${choices.goals}
      onChange=${(v) => set('goal', v)} />
    <${Select} id="plan-level" label="Training experience" value=${fields.level}
      options=${choices.levels} onChange=${(v) => set('level', v)} />
    <${CheckboxGroup} legend="Equipment you can use" name="equipment" options=${choices.equipment}
      chosen=${fields.equipment} onChange=${(v) => set('equipment', v)} hint="Choose at least one." />
    <h3>Your back</h3>
    <${CheckboxGroup} legend="Injury history" name="injury" options=${choices.injuries}
      chosen=${fields.injury} onChange=${(v) => set('injury', v)} hint="Leave empty if none." />
    <${Select} id="plan-pain" label="Back pain now (0 none, 10 worst)" value=${fields.pain}
      options=${painOptions} onChange=${(v) => set('pain', v)} />
    <${Check} id="plan-medical-care" label="I am under medical care for my back"
      checked=${fields.medical_care} onChange=${(v) => set('medical_care', v)} />
    <${Check} id="plan-clearance" label="A doctor or physiotherapist has cleared me for reverse hyperextensions"
      checked=${fields.clearance} onChange=${(v) => set('clearance', v)} />
    <h3>Body and loads</h3>
    <${Select} id="plan-unit" label="Unit for loads" value=${fields.unit}
      options=${named(choices.units)} onChange=${(v) => set('unit', v)} />
    <${NumberField} id="plan-body-mass" label=${`Body mass (${fields.unit}, optional)`}
      value=${fields.body_mass} step="0.1" onChange=${(v) => set('body_mass', v)} />
    <${NumberField} id="plan-height" label="Height (m, optional)" value=${fields.height}
      range=${choices.height} step="0.01" onChange=${(v) => set('height', v)} hint="e.g. 1.78" />
    ${creating ? html`
      <${Select} id="plan-sex" label="Sex (optional)" value=${fields.sex}
        options=${[{ id: '', name: 'Not said' }, ...named(choices.sexes)]}
        onChange=${(v) => set('sex', v)} />
      <${TextField} id="plan-known-set" label="A recent set (optional)" value=${fields.known_set}
        maxLength="100" onChange=${(v) => set('known_set', v)}
        hint=${`Load x reps @ RPE, in ${fields.unit}: e.g. 40x10@8`} />
      <${TextField} id="plan-plates" label="Your plates (optional)" value=${fields.plates}
        maxLength="400" onChange=${(v) => set('plates', v)}
        hint="The plates you own, e.g. 20x2,10x2,5x2,2.5x2; empty for a full gym set." />` : null}
  `;
}

/** Create the athlete (no `athlete`) or change the owner's athlete's profile. */
function ProfileForm({ athlete, choices, onSaved }) {
  const creating = !athlete;
  const [fields, setFields] = useState(() => initialFields(athlete && athlete.profile, choices));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const set = (name, value) => {
    setSaved(false);
    setFields((old) => ({ ...old, [name]: value }));
  };

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const document = profileDocument(fields, creating);
      const answer = creating
        ? await api.post('/athletes', document, { idempotencyKey: newKey() })
        : await api.patch(`/athletes/${athlete.id}`, document);
      await onSaved(answer);
      setSaved(!creating);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return html`<form class="stack plan-profile" onSubmit=${submit}
    aria-label=${creating ? 'Screening questions' : 'Change the profile'}>
    <${ProfileFields} fields=${fields} set=${set} choices=${choices} creating=${creating} />
    <${ErrorMessage} error=${error} />
    ${saved ? html`<p class="ok" role="status">Saved. The screening above is the new answers' verdict.</p>` : null}
    <button type="submit" class="primary wide" disabled=${busy}>
      ${busy ? 'Saving…' : creating ? 'Save my answers' : 'Save the changes'}
    </button>
  </form>`;
}

// ------------------------------------------------------------------ screening and plan form

/** The screening's verdict on the athlete as it is stored. */
function ScreeningNotice({ screening }) {
  if (screening.needs_clearance && !screening.cleared) {
    return html`<section class="notice" aria-labelledby="screening-title" data-testid="screening">
      <h2 id="screening-title">A doctor's clearance is needed before a plan</h2>
      <p>Because of:</p>
      <ul>${screening.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>
      <p>See a doctor or physiotherapist about reverse hyperextensions; once they agree, tick
        the clearance answer in the profile.</p>
    </section>`;
  }
  if (screening.conservative_start || screening.cleared) {
    return html`<section class="ok" aria-labelledby="screening-title" data-testid="screening">
      <h2 id="screening-title">${screening.conservative_start ? 'Cleared: a careful start' : 'Cleared'}</h2>
      ${screening.reasons.length ? html`<ul>${screening.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : null}
    </section>`;
  }
  return null;
}

/** The plan route's refusal: its own message and the screening's reasons, plainly. */
function Refusal({ message, reasons }) {
  return html`<div class="notice refusal" role="alert">
    <h2>No plan was made</h2>
    <p>${message}</p>
    ${reasons.length ? html`<p>Reasons:</p>
      <ul>${reasons.map((reason) => html`<li>${reason}</li>`)}</ul>` : null}
  </div>`;
}

function PlanForm({ athlete, choices, onMade }) {
  const [weeks, setWeeks] = useState(String(choices.default_weeks));
  const [days, setDays] = useState(String(choices.default_days_per_week));
  const [start, setStart] = useState(localToday());
  const [error, setError] = useState(null);
  const [refusal, setRefusal] = useState(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setRefusal(null);
    try {
      const body = { weeks: Number(weeks), days_per_week: Number(days) };
      if (start) body.start = start;
      await api.post(`/athletes/${athlete.id}/plans`, body, { idempotencyKey: newKey() });
      await onMade();
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'screening_refused') setRefusal(failure.message);
      else setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return html`<form class="stack plan-form" onSubmit=${submit} aria-labelledby="plan-form-title">
    <h2 id="plan-form-title">Make a plan</h2>
    <p class="muted">A new plan replaces the active one from its first day.</p>
    <div class="plan-form-row">
      <${NumberField} id="plan-weeks" label="Weeks" value=${weeks} range=${choices.weeks}
        step="1" onChange=${setWeeks} />
      <${NumberField} id="plan-days" label="Sessions per week" value=${days}
        range=${choices.days_per_week} step="1" onChange=${setDays} />
    </div>
    <${Field} label="First session" id="plan-start">
      <input id="plan-start" type="date" value=${start} onInput=${(e) => setStart(e.target.value)} />
    <//>
    ${refusal ? html`<${Refusal} message=${refusal} reasons=${athlete.screening.reasons} />` : null}
    <${ErrorMessage} error=${error} />
    <button type="submit" class="primary wide" disabled=${busy}>${busy ? 'Making the plan…' : 'Make the plan'}</button>
  </form>`;
}

// ------------------------------------------------------------------ the week view

const ROLE_NAMES = { warmup: 'Warm-up', main: 'Main', cooldown: 'Cool-down' };

function Block({ block, names }) {
  const rest = span(block.rest_s, 's');
  return html`<li class=${'plan-block role-' + block.role}>
    <p class="plan-block-title">
      <span class="plan-role">${ROLE_NAMES[block.role] || block.role}</span>
      <strong>${names[block.variation] || block.variation}</strong>
    </p>
    <p class="plan-dose">${block.sets} × ${span(block.reps)} reps${block.tempo ? `, tempo ${block.tempo}` : ''}${rest ? `, rest ${rest}` : ''}</p>
    ${block.load ? html`<p class="plan-load">${block.load}</p>` : null}
    ${block.note ? html`<p class="muted">${block.note}</p>` : null}
    ${block.condition ? html`<p class="muted">${block.condition}</p>` : null}
  </li>`;
}

function Day({ session, today, names }) {
  const isToday = session.date === today;
  return html`<article class=${'plan-day card' + (isToday ? ' today' : '')}
    aria-current=${isToday ? 'date' : undefined} aria-labelledby=${'plan-day-' + session.date}>
    <h4 id=${'plan-day-' + session.date}>
      Day ${session.day} · ${readableDate(session.date)}
      ${isToday ? html` <span class="today-badge">Today</span>` : null}
    </h4>
    <ol class="plan-blocks">${session.blocks.map((b) => html`<${Block} block=${b} names=${names} />`)}</ol>
  </article>`;
}

function Week({ week, today, open, names }) {
  return html`<details class="plan-week" open=${open}>
    <summary><h3>Week ${week.week}${week.deload ? ' · deload' : ''}</h3></summary>
    ${week.notes.length ? html`<ul class="muted">${week.notes.map((n) => html`<li>${n}</li>`)}</ul>` : null}
    <div class="plan-days">
      ${week.sessions.map((s) => html`<${Day} session=${s} today=${today} names=${names} />`)}
    </div>
  </details>`;
}

/** The week to open first: the one holding today, else the next one to come, else the last. */
function currentWeek(weeks, today) {
  const holding = weeks.find((w) => w.sessions.some((s) => s.date === today));
  if (holding) return holding.week;
  const coming = weeks.find((w) => w.sessions.some((s) => s.date > today));
  return coming ? coming.week : weeks[weeks.length - 1].week;
}

function WeekView({ plan }) {
  const variations = useApi('/variations');
  const names = Object.fromEntries(((variations.data && variations.data.items) || []).map((v) => [v.id, v.name]));
  const today = localToday();
  const open = plan.weeks.length ? currentWeek(plan.weeks, today) : null;
  return html`<section class="plan-view" aria-labelledby="plan-view-title">
    <h2 id="plan-view-title">The plan: ${plan.goal.replace(/-/g, ' ')}, ${plan.days_per_week} sessions a week</h2>
    <p class="muted">From ${readableDate(plan.start)}, ${plan.weeks.length} weeks.</p>
    ${plan.weeks.map((w) => html`<${Week} week=${w} today=${today} open=${w.week === open} names=${names} />`)}
    ${plan.notes.length ? html`<h3>Notes</h3><ul class="plan-notes">${plan.notes.map((n) => html`<li>${n}</li>`)}</ul>` : null}
  </section>`;
}

function ActivePlanContent({ active }) {
  if (active.loading && !active.data) return html`<${Loading} what="Loading the plan" />`;
  if (active.error instanceof ApiError && active.error.status === 404) {
    return html`<p class="card" data-testid="no-plan">No active plan yet.</p>`;
  }
  if (active.error) return html`<${ErrorMessage} error=${active.error} />`;
  return html`<${WeekView} plan=${active.data} />`;
}

/** The active plan, or why there is none (its own box keeps the page's order steady). */
function ActivePlan({ active }) {
  return html`<div class="plan-active"><${ActivePlanContent} active=${active} /></div>`;
}

// ------------------------------------------------------------------ the page

function NewAthlete({ me, choices, refresh, chooseAthlete }) {
  const saved = async (athlete) => {
    await refresh();
    chooseAthlete(athlete.id);
  };
  const coach = me && me.role !== 'athlete';
  return html`<section aria-labelledby="new-athlete-title">
    ${coach ? html`<${NeedsAthlete} />` : null}
    <h2 id="new-athlete-title">${coach ? 'Or add an athlete: the screening questions' : 'Your screening questions'}</h2>
    <p>Answer these before the first plan: the answers decide whether a plan is safe to
      make now, and how it starts.</p>
    <${ProfileForm} choices=${choices} onSaved=${saved} />
  </section>`;
}

function AthletePlan({ athlete, choices, refresh }) {
  const active = useApi(`/athletes/${athlete.id}/plans/active`);
  const writes = athlete.access === 'owner' || athlete.access === 'coach';
  return html`<div class="plan-athlete">
    <p class="muted">Plan for <strong>${athlete.name}</strong>${athlete.access === 'owner' ? '' : ` (${athlete.access} access)`}.</p>
    <${ScreeningNotice} screening=${athlete.screening} />
    <${ActivePlan} active=${active} />
    ${writes
      ? html`<${PlanForm} athlete=${athlete} choices=${choices} onMade=${active.reload} />`
      : html`<p class="muted">You can read this plan; its owner or a coach writes it.</p>`}
    ${athlete.access === 'owner' ? html`<details class="plan-edit">
      <summary>Change the profile (screening answers)</summary>
      <${ProfileForm} athlete=${athlete} choices=${choices} onSaved=${() => refresh()} />
    </details>` : null}
  </div>`;
}

export default function Plan({ me, athlete, refresh, chooseAthlete }) {
  const choices = useApi('/profile-choices');
  let content;
  if (choices.error) content = html`<${ErrorMessage} error=${choices.error} />`;
  else if (!choices.data) content = html`<${Loading} />`;
  else if (!athlete) content = html`<${NewAthlete} me=${me} choices=${choices.data} refresh=${refresh} chooseAthlete=${chooseAthlete} />`;
  else content = html`<${AthletePlan} key=${athlete.id} athlete=${athlete} choices=${choices.data} refresh=${refresh} />`;
  return html`<${Page} title="Plan">${content}<//>`;
}
