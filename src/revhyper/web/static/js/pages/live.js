// Live form coaching: choose the set (one of today's prescriptions, or a free set), prop the
// phone side-on, and the camera watches: the skeleton is drawn over the video, the server
// (the same analysis as the form check, fed landmarks as they come) reports the framing, the
// thigh angle, the phase and each rep with its cue, spoken as it happens. At the end the load,
// RPE and back pain are confirmed and the server logs the set with its form data. Where the
// model cannot run, the set is filmed and uploaded to the form check instead. Nothing here
// counts reps or judges form: every figure shown comes from the server's events.

import { html, useState, useEffect, useRef } from '../html.js';
import { request, newKey } from '../api.js';
import { ErrorMessage, Field, Loading, NeedsAthlete, Page, useApi, formatLoad, toKg } from '../ui.js';
import { useCountdown, useTempo } from '../timers.js';
import { useVariationNames } from './today.js';
import { LiveRun } from '../live/run.js';
import { FULL_MODEL_MIN_FPS } from '../live/pose.js';

/** Reps of a free set unless changed. */
const FREE_SET_REPS = 10;
/** Loads offered around the prescribed one, one tap each [kg]. */
const LOAD_STEP_KG = 2.5;
const RPE_CHOICES = [6, 7, 8, 9, 10];
const PAIN_CHOICES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const CONNECTION_TEXT = {
  connecting: 'Connecting to the server…',
  open: 'Connected.',
  reconnecting: 'Connection lost: the frames wait on this phone and are sent when it returns.',
  refused: 'The server refused the live set (signed out, or no access to this athlete).',
};

/** Where the hold countdown of a live set is kept (timestamps, so a locked screen keeps time). */
const HOLD_KEY = 'revhyper.live.hold';

/**
 * The isometric hold's countdown: it starts when the server's phase turns 'top' and is
 * cleared when the legs leave the top before it ends (the server judges the time held; this
 * only counts it down for the athlete, with the end signal when it is reached).
 */
function useHoldAtTop(holdS, phase, counting) {
  const countdown = useCountdown(HOLD_KEY);
  const wasAtTop = useRef(false);
  const atTop = Boolean(holdS) && counting && phase === 'top';
  useEffect(() => {
    if (atTop && !wasAtTop.current) countdown.start(holdS);
    if (!atTop && wasAtTop.current && countdown.running) countdown.clear();
    wasAtTop.current = atTop;
  });
  return countdown;
}

/** The model asked for in the address (#/live?model=lite), kept whatever its frame rate. */
function pinnedModel(route) {
  const model = route.query.get('model');
  return model === 'full' || model === 'lite' ? model : null;
}

export default function Live({ athlete, navigate, route }) {
  const [choice, setChoice] = useState(null);
  if (!athlete) return html`<${Page} title="Live form check"><${NeedsAthlete} /><//>`;
  if (athlete.access === 'read') {
    return html`<${Page} title="Live form check"><p class="notice">You can read
      ${athlete.name}'s sets; only the owner or a coach can film one.</p><//>`;
  }
  return html`<${Page} title="Live form check">
    ${choice
      ? html`<${LiveSet} athlete=${athlete} choice=${choice} navigate=${navigate} pinned=${pinnedModel(route)}
          again=${() => setChoice(null)} />`
      : html`<${SetChooser} athlete=${athlete} choose=${setChoice} />`}
  <//>`;
}

/** Today's prescriptions to pick from, or a free set (variation and reps). */
function SetChooser({ athlete, choose }) {
  const today = useApi(`/athletes/${athlete.id}/sessions/today`);
  const variations = useApi('/variations');
  const name = useVariationNames();
  const prescriptions = (today.data && today.data.prescriptions) || [];
  const [picked, setPicked] = useState('');
  const chosen = picked === '' && prescriptions.length ? '0' : picked;
  const free = chosen === 'free' || !prescriptions.length;

  const submit = (event) => {
    event.preventDefault();
    const fields = new FormData(event.target);
    if (!free) {
      const p = prescriptions[Number(chosen)];
      choose({ variation: p.variation, loadKg: p.load_kg,
        prescription: { reps: p.target_reps, tempo: p.tempo, hold_s: p.hold_s } });
      return;
    }
    choose({ variation: fields.get('variation'), loadKg: null,
      prescription: { reps: Number(fields.get('reps')), tempo: null, hold_s: null } });
  };

  return html`<form class="card stack live-card" onSubmit=${submit}>
    <h2>Which set?</h2>
    ${today.loading ? html`<${Loading} what="Loading today's session" />` : null}
    <fieldset class="live-choices">
      <legend>The set to film</legend>
      ${prescriptions.map((p, i) => html`<label key=${i} class="live-choice">
        <input type="radio" name="set" value=${i} checked=${chosen === String(i)}
          onChange=${() => setPicked(String(i))} />
        ${name(p.variation)}: ${p.target_reps} reps${p.load_kg !== null ? `, ${formatLoad(p.load_kg, unitOf(athlete))}` : ''}${p.tempo ? `, tempo ${p.tempo}` : ''}${p.hold_s ? `, hold ${p.hold_s} s` : ''}
      </label>`)}
      <label class="live-choice">
        <input type="radio" name="set" value="free" checked=${free}
          onChange=${() => setPicked('free')} />
        A free set
      </label>
    </fieldset>
    ${free ? html`<div class="stack">
      <${Field} label="Variation" id="live-variation">
        <select id="live-variation" name="variation" required>
          ${((variations.data && variations.data.items) || []).map((v) => html`<option key=${v.id} value=${v.id}>${v.name}</option>`)}
        </select>
      <//>
      <${Field} label="Reps planned" id="live-reps">
        <input id="live-reps" name="reps" type="number" inputmode="numeric" min="1" max="100" value=${FREE_SET_REPS} required />
      <//>
    </div>` : null}
    <${ErrorMessage} error=${today.error || variations.error} />
    <p class="muted">Prop the phone side-on at hip height, 2–3 m away, with your whole body
      and the machine in view. Only the landmarks leave the phone, never the video.</p>
    <button type="submit" class="primary wide" disabled=${free && !variations.data}>Start the camera</button>
  </form>`;
}

function unitOf(athlete) {
  return (athlete.profile && athlete.profile.unit) || 'kg';
}

/** The running set: camera, skeleton, counter, framing, cues; then the confirmation. */
function LiveSet({ athlete, choice, navigate, again, pinned }) {
  const video = useRef(null);
  const canvas = useRef(null);
  const run = useRef(null);
  const [, redraw] = useState(0);
  const tempo = useTempo(choice.prescription && choice.prescription.tempo);
  const holdS = (choice.prescription && choice.prescription.hold_s) || null;

  useEffect(() => {
    const live = new LiveRun({
      video: video.current, canvas: canvas.current, athleteId: athlete.id, choice, pinned,
      onChange: () => redraw((n) => n + 1),
    });
    run.current = live;
    localStorage.removeItem(HOLD_KEY);  // a hold left from another set is not this one's
    live.begin();
    return () => live.dispose();
  }, []);

  const view = run.current ? run.current.snapshot() : { stage: 'starting', reps: [], cues: [], errors: [] };
  const counting = Boolean(view.framing && view.framing.ok);
  const hold = useHoldAtTop(holdS, view.state && view.state.phase, counting && view.stage === 'running');
  useEffect(() => {
    if (counting && tempo.phases.length && !tempo.running && view.stage === 'running') tempo.start();
    if (view.stage !== 'running' && tempo.running) tempo.stop();
  });

  const filming = view.stage === 'starting' || view.stage === 'running'
    || (view.stage === 'fallback' && Boolean(view.camera));
  return html`<div class="stack live">
    <div class="live-camera" hidden=${!filming}>
      <video ref=${video} playsinline muted aria-label="The camera's view"></video>
      <canvas ref=${canvas} class="live-skeleton" aria-hidden="true" data-testid="live-skeleton"></canvas>
    </div>
    ${view.stage === 'starting' ? html`<p class="muted" role="status">Opening the camera and loading the pose model…</p>` : null}
    ${view.stage === 'running' ? html`<${Running} view=${view} tempo=${tempo} hold=${hold} holdS=${holdS} finish=${() => run.current.finish()} />` : null}
    ${view.stage === 'confirm' || view.stage === 'logging'
      ? html`<${Confirm} view=${view} athlete=${athlete} choice=${choice}
          send=${(confirmation) => run.current.end(confirmation)} />` : null}
    ${view.stage === 'logged' ? html`<${Logged} view=${view} again=${again} />` : null}
    ${view.stage === 'fallback' ? html`<${Fallback} view=${view} athlete=${athlete} navigate=${navigate} />` : null}
  </div>`;
}

/** Which model runs and how fast, as measured on this phone. */
function ModelLine({ view }) {
  const fps = view.fps === null ? 'measuring…' : `${view.fps.toFixed(1)} frames/s`;
  const why = view.pinned ? ' (as the address asks, whatever its frame rate)'
    : view.model === 'lite' && view.slowFullFps !== null
      ? ` (the full model ran at ${view.slowFullFps.toFixed(1)} frames/s, under ${FULL_MODEL_MIN_FPS})`
      : view.measured ? ` (at least ${FULL_MODEL_MIN_FPS} frames/s: full model)` : '';
  return html`<p class="muted live-model" data-testid="live-model" data-measured=${view.measured ? 'true' : 'false'}>
    Pose model: <strong data-testid="live-model-name">${view.model}</strong>${', '}
    <span data-testid="live-fps">${fps}</span>${why}.${view.personCheck === 'unavailable'
      ? ' The second-person check could not be loaded: someone else in view would not be noticed.' : ''}</p>`;
}

/** The hold at the top: its length before, the seconds left during, and when it is done. */
function HoldLine({ hold, holdS }) {
  if (!holdS) return null;
  if (hold.running) {
    return html`<p class="live-tempo" role="timer" data-testid="live-hold">Hold: ${hold.remainingS} s</p>`;
  }
  if (hold.ended) return html`<p class="ok" role="status" data-testid="live-hold">Hold done: lower slowly.</p>`;
  return html`<p class="muted" data-testid="live-hold">Hold ${holdS} s at the top: the count starts when
    your legs get there.</p>`;
}

/** Reps counted: the page's own tally of rep events (provisional ones count at once), or the
 *  server's running state if it has counted more (e.g. after the page was reloaded). */
function counted(view) {
  return Math.max(view.state ? view.state.reps || 0 : 0, view.reps.length);
}

function Running({ view, tempo, hold, holdS, finish }) {
  const state = view.state || {};
  return html`<section class="stack" aria-label="The set as it happens">
    <div class="live-counter">
      <p><span class="live-reps" data-testid="live-reps" aria-live="polite">${counted(view)}</span>
        <span class="muted">reps</span></p>
      <dl class="live-readings">
        <div><dt>Phase</dt><dd data-testid="live-phase">${state.phase || '–'}</dd></div>
        <div><dt>Thigh</dt><dd data-testid="live-thigh">${state.thigh_deg === null || state.thigh_deg === undefined ? '–' : `${Math.round(state.thigh_deg)}°`}</dd></div>
      </dl>
    </div>
    ${state.paused ? html`<p class="notice" role="status" data-testid="live-paused">Paused: ${state.paused}</p>` : null}
    <${Framing} framing=${view.framing} />
    ${tempo.running && tempo.phase ? html`<p class="live-tempo" role="timer" data-testid="live-tempo">
      Rep ${tempo.rep}: ${tempo.phase.name} ${tempo.second}/${tempo.phase.seconds}</p>` : null}
    <${HoldLine} hold=${hold} holdS=${holdS} />
    <${LastCue} view=${view} />
    <${ModelLine} view=${view} />
    <p class="muted" data-testid="live-frames">Person found in ${view.framesWithPerson} of
      ${view.framesSeen} frames; ${view.framesSent} sent, ${view.unacked} waiting.</p>
    <p class="muted" role="status" data-testid="live-connection">${CONNECTION_TEXT[view.connection] || ''}</p>
    <${LostFrames} view=${view} />
    ${view.errors.map((error, i) => html`<p key=${i} class="error" role="alert">${error.message}</p>`)}
    <button type="button" class="primary wide" onClick=${finish}>Finish the set</button>
  </section>`;
}

/** The server lost the set's first part (the reconnect reached a server that had forgotten it). */
function LostFrames({ view }) {
  if (!view.lostFrames) return null;
  return html`<p class="notice" role="alert" data-testid="live-lost">
    The server lost the first ${view.lostFrames} frames of this set when the connection dropped:
    reps before the drop are not counted. Log the set from the session page, or film it again.</p>`;
}

/** The framing check: what to change before counting starts. */
function Framing({ framing }) {
  if (!framing) return html`<p class="notice" data-testid="live-framing">Checking the framing…</p>`;
  if (framing.ok) return html`<p class="ok" data-testid="live-framing">Framing is good: counting.</p>`;
  return html`<div class="notice" role="alert" data-testid="live-framing">
    <p><strong>Not counting yet.</strong> Change this first:</p>
    <ul>${framing.problems.map((problem) => html`<li key=${problem}>${problem}</li>`)}</ul>
  </div>`;
}

function LastCue({ view }) {
  const cue = view.cues[view.cues.length - 1];
  if (!cue) return null;
  return html`<p class="live-cue" data-testid="live-cue" data-how=${cue.how}>Rep ${cue.rep}: ${cue.text}</p>`;
}

/** One-tap choices as toggle buttons. */
function Choices({ label, id, options, value, choose, show = String }) {
  return html`<div role="group" aria-labelledby=${id} class="live-chips">
    <p id=${id} class="live-chips-label">${label}</p>
    ${options.map((option) => html`<button type="button" key=${String(option)}
      aria-pressed=${value === option ? 'true' : 'false'} onClick=${() => choose(option)}>${show(option)}</button>`)}
  </div>`;
}

/** The loads offered: the prescribed one and a step either side, or body weight. */
function loadOptions(loadKg) {
  if (loadKg === null || loadKg === undefined) return [0];
  return [Math.max(0, loadKg - LOAD_STEP_KG), loadKg, loadKg + LOAD_STEP_KG];
}

function Confirm({ view, athlete, choice, send }) {
  const unit = unitOf(athlete);
  const loads = loadOptions(choice.loadKg);
  const [load, setLoad] = useState(loads[loads.length === 1 ? 0 : 1]);
  const [other, setOther] = useState('');
  const [rpe, setRpe] = useState(null);
  const [pain, setPain] = useState(null);
  const logging = view.stage === 'logging';
  const submit = (event) => {
    event.preventDefault();
    const loadKg = other === '' ? load : toKg(Number(other), unit);
    send({ load_kg: loadKg, rpe, back_pain: pain });
  };
  return html`<form class="card stack live-card" onSubmit=${submit}>
    <h2>${counted(view)} reps counted</h2>
    <p class="muted" data-testid="live-filmed" data-frames=${view.framesSeen}>${view.framesSeen}
      frames filmed.</p>
    <${Choices} label="Load" id="live-load" options=${loads} value=${other === '' ? load : null}
      choose=${(kg) => { setLoad(kg); setOther(''); }}
      show=${(kg) => (kg === 0 && loads.length === 1 ? 'Body weight' : formatLoad(kg, unit))} />
    <${Field} label=${`Another load (${unit})`} id="live-other-load">
      <input id="live-other-load" type="number" inputmode="decimal" min="0" max="500" step="0.5"
        value=${other} onInput=${(e) => setOther(e.target.value)} />
    <//>
    <${Choices} label="Effort (RPE)" id="live-rpe" options=${RPE_CHOICES} value=${rpe} choose=${setRpe} />
    <${Choices} label="Back pain during the set (0 = none)" id="live-pain" options=${PAIN_CHOICES} value=${pain} choose=${setPain} />
    <${LostFrames} view=${view} />
    ${view.errors.map((error, i) => html`<p key=${i} class="error" role="alert">${error.message}</p>`)}
    ${logging && view.unacked ? html`<p class="muted" role="status">Sending the last ${view.unacked} frames…</p>` : null}
    <button type="submit" class="primary wide" disabled=${logging}>${logging ? 'Logging…' : 'Log the set'}</button>
  </form>`;
}

/** The logged set: its reps as the server analysed them, and where to find it. */
function Logged({ view, again }) {
  const logged = view.logged;
  return html`<section class="card stack live-card" aria-labelledby="live-logged">
    <h2 id="live-logged">Set logged: ${logged.reps} reps</h2>
    <${RepSummary} reps=${view.reps} />
    <p><a href="#/history">The set in your history</a>, with its form data (analysis ${logged.analysis_id}).</p>
    <button type="button" class="wide" onClick=${again}>Film another set</button>
  </section>`;
}

/** A number from the server with its unit, or a dash. */
function measured(value, unit) {
  return value === null || value === undefined ? '–' : `${Number(value).toFixed(1)}${unit}`;
}

/** The reps the server reported during the set: top angle, phase times, faults. */
function RepSummary({ reps }) {
  if (!reps.length) return null;
  return html`<div class="table-scroll" role="region" aria-labelledby="live-reps-caption" tabindex="0">
    <table data-testid="live-rep-table">
      <caption id="live-reps-caption">Each rep as analysed</caption>
      <thead><tr><th scope="col">Rep</th><th scope="col">Top (thigh)</th><th scope="col">Up</th>
        <th scope="col">Hold</th><th scope="col">Down</th><th scope="col">Faults</th></tr></thead>
      <tbody>${reps.map((rep) => html`<tr key=${rep.number}>
        <th scope="row">${rep.number}</th>
        <td>${measured(rep.top_angle_deg, '°')}</td>
        <td>${measured(rep.phases && rep.phases.concentric_s, ' s')}</td>
        <td>${measured(rep.phases && rep.phases.hold_s, ' s')}</td>
        <td>${measured(rep.phases && rep.phases.eccentric_s, ' s')}</td>
        <td>${rep.faults.length ? rep.faults.map((f) => f.replace(/_/g, ' ')).join(', ') : 'none'}</td>
      </tr>`)}</tbody>
    </table>
  </div>`;
}

/** Where the model cannot run: film the set (or choose a video) for the form check. */
function Fallback({ view, athlete, navigate }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file) => {
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.append('file', file);
      const job = await request('POST', `/athletes/${athlete.id}/analyses`, { form, idempotencyKey: newKey() });
      navigate(`form/${job.id}`);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return html`<section class="card stack live-card" aria-labelledby="live-fallback" data-testid="live-fallback">
    <h2 id="live-fallback">Film the set instead</h2>
    <p>${view.fallback.text} The set can still be checked: film it, and the server analyses
      the video after the set (the form check).</p>
    ${view.camera && typeof MediaRecorder === 'function'
      ? html`<${Recorder} stream=${view.camera} upload=${upload} busy=${busy} />`
      : html`<${Field} label="Film the set or choose a video" id="live-fallback-file">
          <input id="live-fallback-file" type="file" accept="video/*" capture="environment"
            disabled=${busy} onChange=${(e) => e.target.files[0] && upload(e.target.files[0])} />
        <//>`}
    ${busy ? html`<p class="muted" role="status">Uploading…</p>` : null}
    <${ErrorMessage} error=${error} />
  </section>`;
}

/** The video types MediaRecorder is asked for, best first. */
const RECORDING_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm', 'video/mp4'];

function recordingType() {
  return RECORDING_TYPES.find((type) => MediaRecorder.isTypeSupported(type)) || '';
}

/** Records the camera with MediaRecorder; stopping uploads the recording. */
function Recorder({ stream, upload, busy }) {
  const recorder = useRef(null);
  const [recording, setRecording] = useState(false);
  const start = () => {
    const type = recordingType();
    const chunks = [];
    const media = new MediaRecorder(stream, type ? { mimeType: type } : {});
    media.ondataavailable = (event) => event.data.size && chunks.push(event.data);
    media.onstop = () => {
      const mime = media.mimeType || 'video/webm';
      const extension = mime.startsWith('video/mp4') ? 'mp4' : 'webm';
      upload(new File(chunks, `live-set.${extension}`, { type: mime }));
    };
    media.start(1000);
    recorder.current = media;
    setRecording(true);
  };
  const stop = () => {
    setRecording(false);
    recorder.current.stop();
  };
  return recording
    ? html`<button type="button" class="primary wide" onClick=${stop}>Stop and analyse</button>`
    : html`<button type="button" class="primary wide" disabled=${busy} onClick=${start}>Record the set</button>`;
}
