// Today: the session the plan holds for today (warm-up, main blocks adapted by the log with
// their reasons, cool-down, the pain rule), and the button that starts it or goes back to it.
// Everything shown comes from GET /athletes/{id}/sessions/today; starting is its POST.

import { html, useState, useEffect } from '../html.js';
import { api } from '../api.js';
import { ErrorMessage, Field, Loading, NeedsAthlete, Page, useApi } from '../ui.js';

/** The catalogue's variation names by id (GET /variations); until loaded, names are the ids. */
export function useVariationNames() {
  const [names, setNames] = useState({});
  useEffect(() => {
    let live = true;
    api.get('/variations').then(
      (list) => live && setNames(Object.fromEntries(list.items.map((v) => [v.id, v.name]))),
      () => { /* offline before the first visit: the ids stay */ },
    );
    return () => { live = false; };
  }, []);
  return (id) => names[id] || id;
}

/** A main block as prescribed: sets × reps, load, rest, tempo or hold, and why. */
export function PrescriptionCard({ prescription: p, name }) {
  const reps = p.reps[0] === p.reps[1] ? `${p.reps[0]}` : `${p.reps[0]}–${p.reps[1]}`;
  return html`<li class="card">
    <h3>${name(p.variation)}</h3>
    <p><strong>${p.sets} × ${reps} reps</strong> (aim for ${p.target_reps})</p>
    <p>Load: ${p.load_text || 'body weight'}</p>
    ${p.target_rpe !== null ? html`<p>Effort: up to RPE ${p.target_rpe}</p>` : null}
    ${p.rest_s ? html`<p>Rest ${p.rest_s[0]}–${p.rest_s[1]} s between sets</p>` : null}
    ${p.tempo ? html`<p>Tempo ${p.tempo} (lift–hold–lower–pause, seconds)</p>` : null}
    ${p.hold_s ? html`<p>Hold ${p.hold_s} s</p>` : null}
    ${p.reasons.length ? html`<details><summary>Why this prescription</summary>
      <ul>${p.reasons.map((reason) => html`<li>${reason}</li>`)}</ul></details>` : null}
  </li>`;
}

/** Warm-up or cool-down blocks, shown as text. */
export function Instructions({ items, name }) {
  return html`<ul class="plain-list">${items.map((item) => html`<li class="card">
    <strong>${name(item.variation)}</strong>: ${item.sets} × ${item.reps}${item.load ? `, ${item.load}` : ''}
    ${item.note ? html`<p class="muted">${item.note}</p>` : null}
  </li>`)}</ul>`;
}

function StartForm({ athlete, navigate, reload }) {
  const [pain, setPain] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const start = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = pain === '' ? {} : { pain_before: Number(pain) };
      await api.post(`/athletes/${athlete.id}/sessions/today`, body);
      navigate('session');
    } catch (failure) {
      setError(failure);
      reload();
    } finally {
      setBusy(false);
    }
  };
  return html`<form onSubmit=${start} class="stack">
    <${Field} label="Back pain now (0 = none, 10 = worst)" id="pain-before" hint="Optional">
      <input id="pain-before" type="number" inputmode="numeric" min="0" max="10" step="1"
        value=${pain} onInput=${(e) => setPain(e.target.value)} aria-describedby="pain-before-hint" />
    <//>
    <${ErrorMessage} error=${error} />
    <button type="submit" class="primary wide" disabled=${busy}>${busy ? 'Starting…' : 'Start session'}</button>
  </form>`;
}

/** To the live page, where the camera counts a set as it happens. */
export function LiveLink() {
  return html`<p><a href="#/live">Film a set live</a>: the camera counts the reps and says
    what to fix as you go.</p>`;
}

function Action({ today, athlete, navigate, reload }) {
  const session = today.session;
  if (session && session.status === 'performed') {
    return html`<p class="ok" role="status">Today's session is done. Well trained.</p>`;
  }
  if (athlete.access === 'read') {
    return html`<p class="muted">You can read this athlete's plan; only the owner or a coach starts sessions.</p>`;
  }
  if (session) {
    return html`<a class="button primary wide" href="#/session">Continue today's session</a>
      <${LiveLink} />`;
  }
  return html`<${StartForm} athlete=${athlete} navigate=${navigate} reload=${reload} />`;
}

export function TodayView({ today, athlete, navigate, reload }) {
  const name = useVariationNames();
  if (!today.planned && !today.session) {
    return html`<p>Nothing is planned for today. Make a plan on the <a href="#/plan">Plan</a> page.</p>`;
  }
  return html`
    ${today.see_professional ? html`<p class="notice" role="alert">Back pain came back in recent
      sessions: progression is stopped. See a doctor or physiotherapist before training harder.</p>` : null}
    <p class="muted">If your back pain during a set reaches ${today.pain_stop_threshold}/10, stop that exercise for today.</p>
    <${Action} today=${today} athlete=${athlete} navigate=${navigate} reload=${reload} />
    ${today.warmup.length ? html`<h2>Warm-up</h2><${Instructions} items=${today.warmup} name=${name} />` : null}
    <h2>Main sets</h2>
    <ul class="plain-list">${today.prescriptions.map((p) => html`<${PrescriptionCard} prescription=${p} name=${name} />`)}</ul>
    ${today.session ? html`<p>${today.session.sets.length} set(s) logged, ${today.pending.length} to go.</p>` : null}
    ${today.cooldown.length ? html`<h2>Cool-down</h2><${Instructions} items=${today.cooldown} name=${name} />` : null}`;
}

export default function Today({ athlete, navigate }) {
  const { data, error, loading, reload } = useApi(athlete ? `/athletes/${athlete.id}/sessions/today` : null);
  if (!athlete) return html`<${Page} title="Today"><${NeedsAthlete} /><//>`;
  return html`<${Page} title="Today">
    <p class="muted">${athlete.name}${data ? ` · ${data.day}` : ''}</p>
    ${loading && !data ? html`<${Loading} what="Loading today's session" />` : null}
    <${ErrorMessage} error=${error} />
    ${data ? html`<${TodayView} today=${data} athlete=${athlete} navigate=${navigate} reload=${reload} />` : null}
  <//>`;
}
