// The guided session on a phone: warm-up, then each set with its prescription, cues and the
// variation's how-to, a tempo count or hold countdown where the set has one, one quick form
// per set, a rest countdown after it, the server's load advice for the next set, and the
// finish with how the back feels. Sets go through the outbox (kept on the device until the
// server has them), so the session goes on without a connection. The session's progress on
// this device (its steps, the sets logged and their state) is kept in localStorage so a
// reload or an offline start picks it up. No training rule is computed here: loads, advice
// and the pain threshold come from GET /athletes/{id}/sessions/today.

import { html, useState, useEffect, useCallback } from '../html.js';
import { api } from '../api.js';
import * as outbox from '../outbox.js';
import { ErrorMessage, Field, Loading, NeedsAthlete, Page, formatLoad, fromKg, toKg } from '../ui.js';
import { useCountdown, useTempo, unlockSound } from '../timers.js';
import { Instructions, LiveLink, useVariationNames } from './today.js';

const PROGRESS = 'revhyper.guided';

function progressKey(athleteId, sessionId) {
  return `${PROGRESS}.${athleteId}.${sessionId}`;
}

function readProgress(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || 'null');
  } catch (_) {
    return null;
  }
}

/** Today's answer from the server (or the service worker's last copy); a failed refresh keeps the last. */
function useToday(athlete) {
  const [state, setState] = useState({ today: null, error: null });
  const load = useCallback(async () => {
    if (!athlete) return;
    try {
      const today = await api.get(`/athletes/${athlete.id}/sessions/today`);
      setState({ today, error: null });
    } catch (error) {
      setState((old) => ({ today: old.today, error: old.today ? null : error }));
    }
  }, [athlete && athlete.id]);
  useEffect(() => { load(); }, [load]);
  return { ...state, reload: load };
}

/** This device's record of the session: steps to do, sets logged (with their send state). */
function useProgress(athleteId, today) {
  const sessionId = today && today.session ? today.session.id : null;
  const key = sessionId === null ? null : progressKey(athleteId, sessionId);
  const [progress, setProgress] = useState(null);

  useEffect(() => {
    if (key === null) return;
    const kept = readProgress(key);
    const fresh = {
      steps: today.pending,
      warmupDone: today.session.sets.length > 0,
      done: [],
      skipped: [],
      finish: null,
    };
    const value = kept || fresh;
    if (!kept) localStorage.setItem(key, JSON.stringify(value));
    setProgress(value);
  }, [key]);

  const update = useCallback((change) => {
    setProgress((old) => {
      const next = change(old);
      localStorage.setItem(key, JSON.stringify(next));
      return next;
    });
  }, [key]);

  // A set or finish waiting in the outbox becomes "saved" once it has left it.
  useEffect(() => {
    if (key === null) return undefined;
    const settle = () => update((old) => {
      if (!old) return old;
      const waiting = new Set(outbox.pending().map((item) => item.key));
      const refused = new Map(outbox.rejected().map((item) => [item.key, item.message]));
      const state = (entry) => {
        if (entry.status !== 'queued' || waiting.has(entry.key)) return entry;
        if (refused.has(entry.key)) return { ...entry, status: 'refused', message: refused.get(entry.key) };
        return { ...entry, status: 'saved' };
      };
      return { ...old, done: old.done.map(state), finish: old.finish && state(old.finish) };
    });
    settle();
    return outbox.subscribe(settle);
  }, [key]);

  return { progress, update, key };
}

/** The set's moment in the session's day (the device's clock and offset), so a set sent later stays on it. */
function momentOn(day) {
  const now = new Date();
  const pad = (n) => String(Math.abs(n)).padStart(2, '0');
  const offset = -now.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const time = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  return `${day}T${time}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

function stepTitle(step, name) {
  const side = step.side ? ` (${step.side} leg)` : '';
  return `${name(step.variation)}${side}: set ${step.number} of ${step.of}`;
}

function sameStep(a, b) {
  return a && b && a.block === b.block && a.number === b.number && a.side === b.side;
}

function StatusText({ entry }) {
  if (entry.status === 'queued') return html`<span class="set-state queued">waiting for connection</span>`;
  if (entry.status === 'refused') return html`<span class="set-state refused">not saved: ${entry.message}</span>`;
  return html`<span class="set-state saved">saved</span>`;
}

function LoggedSets({ progress, unit, name }) {
  if (!progress.done.length) return null;
  return html`<section aria-labelledby="logged-heading">
    <h2 id="logged-heading">Sets logged</h2>
    <ol class="logged-sets">${progress.done.map((entry) => {
      const step = progress.steps[entry.index];
      const load = entry.body.load_kg ? ` × ${formatLoad(entry.body.load_kg, unit)}` : '';
      return html`<li data-testid="logged-set">
        ${stepTitle(step, name)}: ${entry.body.reps} reps${load}${entry.body.pain !== undefined ? `, pain ${entry.body.pain}` : ''}
        ${' · '}<${StatusText} entry=${entry} />
      </li>`;
    })}</ol>
  </section>`;
}

function RestPanel({ countdown }) {
  if (!countdown.running && !countdown.ended) return null;
  return html`<section class="timer-panel" aria-labelledby="rest-heading">
    <h2 id="rest-heading">Rest</h2>
    ${countdown.running
      ? html`<p class="big-number" role="timer" data-testid="rest-remaining">${countdown.remainingS} s</p>
        <button type="button" class="wide" onClick=${countdown.clear}>Skip the rest</button>`
      : html`<p class="ok" role="status">Rest over: go for the next set.</p>
        <button type="button" class="wide" onClick=${countdown.clear}>Hide</button>`}
  </section>`;
}

function TempoCount({ tempo }) {
  const count = useTempo(tempo);
  if (!count.phases.length) return null;
  return html`<div class="timer-panel">
    <p>Tempo ${tempo}: ${count.phases.map((p) => `${p.name.toLowerCase()} ${p.seconds} s`).join(', ')}</p>
    ${count.running
      ? html`<p class="tempo-phase" aria-live="polite" data-testid="tempo-phase">
          Rep ${count.rep} · ${count.phase.name} ${count.second}/${count.phase.seconds}</p>
        <button type="button" class="wide" onClick=${count.stop}>Stop the tempo count</button>`
      : html`<button type="button" class="wide" onClick=${count.start}>Start the tempo count</button>`}
  </div>`;
}

function HoldCount({ seconds, storageKey }) {
  const countdown = useCountdown(storageKey);
  return html`<div class="timer-panel">
    ${countdown.running
      ? html`<p class="big-number" role="timer" data-testid="hold-remaining">${countdown.remainingS} s</p>
        <button type="button" class="wide" onClick=${countdown.clear}>Stop the hold</button>`
      : html`${countdown.ended ? html`<p class="ok" role="status">Hold done.</p>` : null}
        <button type="button" class="wide" onClick=${() => countdown.start(seconds)}>Start the ${seconds} s hold</button>`}
  </div>`;
}

function HowTo({ variation }) {
  const [data, setData] = useState(null);
  useEffect(() => {
    let live = true;
    api.get(`/variations/${encodeURIComponent(variation)}`).then((v) => live && setData(v), () => {});
    return () => { live = false; };
  }, [variation]);
  if (!data) return null;
  return html`<details class="how-to">
    <summary>How to do ${data.name}</summary>
    <ol>${data.how_to.map((step) => html`<li><strong>${step.title}</strong>: ${step.instruction}</li>`)}</ol>
  </details>`;
}

function SetForm({ step, prescription, suggestion, unit, onLog }) {
  const prefillKg = suggestion && suggestion.load_kg !== null ? suggestion.load_kg : step.load_kg;
  const [reps, setReps] = useState(String(prescription.target_reps));
  const [load, setLoad] = useState(prefillKg !== null ? String(fromKg(prefillKg, unit)) : '');
  const [rpe, setRpe] = useState(prescription.target_rpe !== null ? String(prescription.target_rpe) : '');
  const [pain, setPain] = useState('0');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);

  const submit = async (event) => {
    event.preventDefault();
    unlockSound();
    setBusy(true);
    setError(null);
    try {
      await onLog({
        reps: Number(reps),
        load_kg: step.loaded && load !== '' ? toKg(Number(load), unit) : 0,
        rpe: rpe === '' ? undefined : Number(rpe),
        pain: pain === '' ? undefined : Number(pain),
      });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return html`<form class="set-form" onSubmit=${submit}>
    <div class="set-fields">
      <${Field} label="Reps" id="set-reps">
        <input id="set-reps" type="number" inputmode="numeric" min="0" max="200" step="1" required
          value=${reps} onInput=${(e) => setReps(e.target.value)} />
      <//>
      ${step.loaded ? html`<${Field} label=${`Load (${unit})`} id="set-load">
        <input id="set-load" type="number" inputmode="decimal" min="0" step="any"
          value=${load} onInput=${(e) => setLoad(e.target.value)} />
      <//>` : null}
      <${Field} label="RPE (effort 1–10)" id="set-rpe">
        <input id="set-rpe" type="number" inputmode="decimal" min="1" max="10" step="0.5"
          value=${rpe} onInput=${(e) => setRpe(e.target.value)} />
      <//>
      <${Field} label="Back pain (0–10)" id="set-pain">
        <input id="set-pain" type="number" inputmode="numeric" min="0" max="10" step="1"
          value=${pain} onInput=${(e) => setPain(e.target.value)} />
      <//>
    </div>
    <${ErrorMessage} error=${error} />
    <button type="submit" class="primary wide" disabled=${busy}>${busy ? 'Saving…' : 'Log this set'}</button>
  </form>`;
}

function Suggestion({ suggestion }) {
  if (!suggestion) return null;
  return html`<p class="suggestion" data-testid="next-set-advice">
    <strong>Next set: ${suggestion.load_text}</strong> — ${suggestion.reason}</p>`;
}

function CurrentSet({ step, index, today, suggestion, unit, storagePrefix, onLog, name }) {
  const prescription = today.prescriptions[step.block] || today.prescriptions[0];
  const reps = prescription.reps[0] === prescription.reps[1]
    ? `${prescription.reps[0]}` : `${prescription.reps[0]}–${prescription.reps[1]}`;
  return html`<section class="card current-set" aria-labelledby="current-heading">
    <h2 id="current-heading">${stepTitle(step, name)}</h2>
    <p><strong>${reps} reps</strong> (aim for ${prescription.target_reps})
      · ${step.load_kg !== null ? formatLoad(step.load_kg, unit) : prescription.load_text || 'body weight'}
      ${prescription.target_rpe !== null ? ` · up to RPE ${prescription.target_rpe}` : ''}</p>
    <${Suggestion} suggestion=${suggestion} />
    ${step.tempo ? html`<${TempoCount} key=${'tempo' + index} tempo=${step.tempo} />` : null}
    ${step.hold_s ? html`<${HoldCount} key=${'hold' + index} seconds=${step.hold_s}
      storageKey=${`${storagePrefix}.hold.${index}`} />` : null}
    <${SetForm} key=${'form' + index} step=${step} prescription=${prescription}
      suggestion=${suggestion} unit=${unit} onLog=${onLog} />
    ${step.cues.length ? html`<h3>Cues</h3><ul class="cues">${step.cues.map((cue) => html`<li>${cue}</li>`)}</ul>` : null}
    <${HowTo} variation=${step.variation} />
    <${LiveLink} />
  </section>`;
}

function StopAdvice({ entry, today, advice, onSkipExercise }) {
  return html`<section class="notice" role="alert" aria-labelledby="stop-heading">
    <h2 id="stop-heading">Stop this exercise for today</h2>
    <p>Back pain ${entry.body.pain}/10 during the set reached ${today.pain_stop_threshold}/10.</p>
    ${advice ? html`<p>${advice.reason}.</p>` : null}
    <p>If the pain stays or comes back, see a doctor or physiotherapist.</p>
    <button type="button" class="wide" onClick=${onSkipExercise}>Skip the rest of this exercise</button>
  </section>`;
}

function FinishForm({ athlete, today, progress, update, name }) {
  const [pain, setPain] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState(null);
  const finish = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = pain === '' ? {} : { pain_after: Number(pain) };
      const sent = await outbox.submit('POST', `/athletes/${athlete.id}/sessions/${today.session.id}/finish`,
        body, 'Finish the session');
      update((old) => ({ ...old, finish: { key: sent.key, status: sent.status === 'sent' ? 'saved' : 'queued' } }));
      if (sent.status === 'sent') setAnswer(sent.data);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  if (progress.finish) {
    return html`<section aria-labelledby="finished-heading">
      <h2 id="finished-heading">Session finished</h2>
      <p class=${progress.finish.status === 'queued' ? 'notice' : 'ok'} role="status">
        ${progress.finish.status === 'queued'
          ? 'Finished on this device: waiting for connection to tell the server.'
          : 'Saved. Well trained.'}</p>
      ${answer && answer.next_time.length ? html`<h3>Next time</h3><ul>${answer.next_time.map((p) =>
        html`<li>${name(p.variation)}: ${p.sets} × ${p.target_reps}, ${p.load_text}</li>`)}</ul>` : null}
      <p><a href="#/">Back to today</a></p>
    </section>`;
  }
  return html`<section aria-labelledby="finish-heading">
    <h2 id="finish-heading">Finish</h2>
    ${today.cooldown.length ? html`<h3>Cool-down</h3><${Instructions} items=${today.cooldown} name=${name} />` : null}
    <form onSubmit=${finish} class="stack">
      <${Field} label="How does your back feel now? Pain 0–10" id="pain-after">
        <input id="pain-after" type="number" inputmode="numeric" min="0" max="10" step="1"
          value=${pain} onInput=${(e) => setPain(e.target.value)} />
      <//>
      <${ErrorMessage} error=${error} />
      <button type="submit" class="primary wide" disabled=${busy}>Finish the session</button>
    </form>
  </section>`;
}

function Guided({ athlete, today, reload }) {
  const { progress, update, key } = useProgress(athlete.id, today);
  const rest = useCountdown(`${key}.rest`);
  const name = useVariationNames();
  if (!progress) return html`<${Loading} what="Preparing the session" />`;
  const unit = today.unit;
  const doneIndexes = new Set(progress.done.map((entry) => entry.index));
  const index = progress.steps.findIndex((_, i) => !doneIndexes.has(i) && !progress.skipped.includes(i));
  const step = index >= 0 ? progress.steps[index] : null;
  const last = progress.done[progress.done.length - 1];
  const suggestion = step && today.next_set && sameStep(today.pending[0], step) ? today.next_set : null;
  const stopped = last && last.body.pain !== undefined && last.body.pain >= today.pain_stop_threshold
    && !last.acknowledged;

  const log = async (values) => {
    const body = {
      variation: step.variation,
      ...values,
      tempo: step.tempo || undefined,
      hold_s: step.hold_s || undefined,
      side: step.side || undefined,
      notes: `guided session: block ${step.block + 1}, set ${step.number}/${step.of}`,
      performed_at: momentOn(today.day),
    };
    const sent = await outbox.submit('POST', `/athletes/${athlete.id}/sets`, body, stepTitle(step, name));
    update((old) => ({
      ...old,
      done: [...old.done, { index, key: sent.key, status: sent.status === 'sent' ? 'saved' : 'queued', body }],
    }));
    const prescription = today.prescriptions[step.block];
    const more = progress.steps.some((_, i) => i > index && !progress.skipped.includes(i));
    if (more && prescription && prescription.rest_s) rest.start(prescription.rest_s[0]);
    if (sent.status === 'sent') reload();
  };

  const skipExercise = () => update((old) => {
    const block = old.steps[last.index].block;
    const skipped = old.steps.map((s, i) => (s.block === block && !doneIndexes.has(i) ? i : null))
      .filter((i) => i !== null);
    const done = old.done.map((entry, i) => (i === old.done.length - 1 ? { ...entry, acknowledged: true } : entry));
    return { ...old, skipped: [...old.skipped, ...skipped], done };
  });

  if (today.session.status === 'performed' && !progress.finish) {
    return html`<p class="ok" role="status">Today's session is finished. <a href="#/">Back to today</a>.</p>
      <${LoggedSets} progress=${progress} unit=${unit} name=${name} />`;
  }
  if (!progress.warmupDone) {
    return html`<section aria-labelledby="warmup-heading">
      <h2 id="warmup-heading">Warm-up</h2>
      ${today.warmup.length ? html`<${Instructions} items=${today.warmup} name=${name} />` : html`<p>No warm-up planned.</p>`}
      <button type="button" class="primary wide" onClick=${() => { unlockSound(); update((old) => ({ ...old, warmupDone: true })); }}>
        Warm-up done: start the sets</button>
    </section>`;
  }
  return html`
    <${RestPanel} countdown=${rest} />
    ${stopped ? html`<${StopAdvice} entry=${last} today=${today}
      advice=${today.next_set && today.next_set.stop ? today.next_set : null} onSkipExercise=${skipExercise} />` : null}
    ${step
      ? html`<${CurrentSet} step=${step} index=${index} today=${today} suggestion=${suggestion} unit=${unit}
          storagePrefix=${key} onLog=${log} name=${name} />`
      : html`<${FinishForm} athlete=${athlete} today=${today} progress=${progress} update=${update}
          name=${name} />`}
    <${LoggedSets} progress=${progress} unit=${unit} name=${name} />`;
}

export default function Session({ athlete }) {
  const { today, error, reload } = useToday(athlete);
  if (!athlete) return html`<${Page} title="Session"><${NeedsAthlete} /><//>`;
  let body;
  if (error) body = html`<${ErrorMessage} error=${error} />`;
  else if (!today) body = html`<${Loading} what="Loading today's session" />`;
  else if (!today.session) {
    body = html`<p>Today's session is not started yet. <a href="#/">Start it on Today</a>.</p>`;
  } else if (athlete.access === 'read') {
    body = html`<p>You can read this athlete's sessions; only the owner or a coach logs sets.
      Today's sets are on the <a href="#/history">History</a> page.</p>`;
  } else body = html`<${Guided} athlete=${athlete} today=${today} reload=${reload} />`;
  return html`<${Page} title="Session">
    <p class="muted">${athlete.name}${today ? ` · ${today.day}` : ''}</p>
    ${body}
  <//>`;
}
