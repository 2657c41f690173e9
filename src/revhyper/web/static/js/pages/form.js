// Form check: upload a side-view video (or a keypoint file) of a set, follow the analysis job
// (queued -> running -> done or failed), then read its report: reps with their range and
// phase times, faults with the coach's cues, quality notes and the annotated video. #/form
// lists the athlete's earlier analyses; #/form/<job id> shows one. Every figure, fault and
// cue comes from the API's revhyper-analysis/1 document; this page only lays it out.

import { html, useState, useEffect } from '../html.js';
import { request, api, newKey } from '../api.js';
import { ErrorMessage, Loading, Page, Field, NeedsAthlete, useApi, formatLoad } from '../ui.js';

/** How often a job still queued or running is read again [ms]. */
const POLL_MS = 1000;
/** Earlier analyses listed [jobs]. */
const LISTED_JOBS = 50;
/** Sets offered for linking: those logged in this many days [days]. */
const RECENT_SET_DAYS = 30;
const STATUS_TEXT = {
  queued: 'Queued: waiting for the analyser.',
  running: 'Analysing the clip…',
  done: 'Done.',
  failed: 'The analysis failed.',
};

export default function FormCheck({ athlete, route, navigate }) {
  if (!athlete) return html`<${Page} title="Form check"><${NeedsAthlete} /><//>`;
  const jobId = route.args[0];
  if (jobId) {
    return html`<${Page} title="Form check report">
      <p><a href="#/form">All form checks of ${athlete.name}</a></p>
      <${JobReport} jobId=${jobId} athlete=${athlete} wantedSet=${route.query.get('set')} />
    <//>`;
  }
  return html`<${Page} title="Form check">
    ${athlete.access === 'read'
      ? html`<p class="notice">You can read ${athlete.name}'s form checks; only the owner or a
          coach can upload a clip.</p>`
      : html`<${UploadForm} athlete=${athlete} navigate=${navigate} />`}
    <${EarlierAnalyses} athlete=${athlete} />
  <//>`;
}

/** The upload: one file, sent as multipart; the new job's report opens on success. */
function UploadForm({ athlete, navigate }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const fields = new FormData(event.target);
      const setId = fields.get('set_id');
      const form = new FormData();
      form.append('file', fields.get('file'));
      const job = await request('POST', `/athletes/${athlete.id}/analyses`,
        { form, idempotencyKey: newKey() });
      navigate(setId ? `form/${job.id}?set=${encodeURIComponent(setId)}` : `form/${job.id}`);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return html`<form class="card stack form-card" onSubmit=${submit}>
    <h2>Check a set</h2>
    <${Field} label="Video or keypoint file" id="form-clip"
      hint="Film from the side, whole body in frame, camera level at hip height.">
      <input id="form-clip" name="file" type="file" required aria-describedby="form-clip-hint"
        accept="video/*,.mp4,.mov,.webm,.mkv,.avi,.json,.gz,application/json" />
    <//>
    <${SetPicker} athlete=${athlete} id="form-upload-set"
      label="Set this clip shows (optional)" />
    <${ErrorMessage} error=${error} />
    <button type="submit" class="primary wide" disabled=${busy}>
      ${busy ? 'Uploading…' : 'Analyse'}
    </button>
  </form>`;
}

/** The athlete's jobs, newest first, each a link to its report. */
function EarlierAnalyses({ athlete }) {
  const { data, error, loading } = useApi(`/athletes/${athlete.id}/analyses`, { limit: LISTED_JOBS });
  return html`<section aria-labelledby="form-earlier">
    <h2 id="form-earlier">Earlier form checks</h2>
    ${loading ? html`<${Loading} />` : null}
    <${ErrorMessage} error=${error} />
    ${data && data.items.length === 0 ? html`<p class="muted">No form checks yet.</p>` : null}
    ${data && data.items.length > 0 ? html`<ul class="link-list">
      ${data.items.map((job) => html`<li key=${job.id}>
        <a href=${`#/form/${job.id}`}>${job.filename}</a>
        <span class="muted">${formatWhen(job.created_at)} · ${job.status}</span>
      </li>`)}
    </ul>` : null}
  </section>`;
}

/** Reads the job until it ends (polling), then shows its error or its report. */
function JobReport({ jobId, athlete, wantedSet }) {
  const job = useJob(jobId);
  if (job.error) return html`<${ErrorMessage} error=${job.error} />`;
  if (!job.data) return html`<${Loading} what="Loading the analysis" />`;
  const data = job.data;
  return html`<div class="stack">
    <p class="muted">${data.filename} · uploaded ${formatWhen(data.created_at)}</p>
    ${data.status === 'queued' || data.status === 'running'
      ? html`<p class="notice" role="status">${STATUS_TEXT[data.status]}</p>` : null}
    ${data.status === 'failed'
      ? html`<div class="form-failed" role="alert">
          <p class="error">${STATUS_TEXT.failed}</p><p>${data.error}</p></div>` : null}
    ${data.status === 'done' && data.result ? html`<${Report} job=${data} />` : null}
    ${data.status === 'done' ? html`<${LinkedSet} job=${data} athlete=${athlete}
      wantedSet=${wantedSet} reload=${job.reload} />` : null}
  </div>`;
}

/** GET /analyses/{id}, again every POLL_MS while it is queued or running. */
function useJob(jobId) {
  const [state, setState] = useState({ data: null, error: null });
  const [readings, setReadings] = useState(0);
  useEffect(() => {
    let timer = null;
    let stopped = false;
    const read = async () => {
      try {
        const data = await api.get(`/analyses/${encodeURIComponent(jobId)}`);
        if (stopped) return;
        setState({ data, error: null });
        if (data.status === 'queued' || data.status === 'running') timer = setTimeout(read, POLL_MS);
      } catch (error) {
        if (!stopped) setState({ data: null, error });
      }
    };
    read();
    return () => { stopped = true; clearTimeout(timer); };
  }, [jobId, readings]);
  return { ...state, reload: () => setReadings((n) => n + 1) };
}

/** A set as one line: its day, place in the session, reps and load in the athlete's unit. */
function setLabel(set, unit) {
  return `${set.day} · set ${set.position} · ${set.reps} reps × ${formatLoad(set.load_kg, unit)}`;
}

/** The day RECENT_SET_DAYS ago (YYYY-MM-DD), where the offered sets start. */
function recentSince() {
  const day = new Date(Date.now() - RECENT_SET_DAYS * 86400000);
  return day.toISOString().slice(0, 10);
}

/** A select of the athlete's recent sets, newest first (name `set_id`; empty = none). */
function SetPicker({ athlete, id, label }) {
  const { data, error } = useApi(`/athletes/${athlete.id}/sets`,
    { since: recentSince(), limit: 500 });
  const unit = (athlete.profile && athlete.profile.unit) || 'kg';
  const sets = data ? [...data.items].reverse() : [];
  return html`<${Field} label=${label} id=${id}>
    <select id=${id} name="set_id">
      <option value="">No set</option>
      ${sets.map((set) => html`<option key=${set.id} value=${set.id}>${setLabel(set, unit)}</option>`)}
    </select>
    <${ErrorMessage} error=${error} />
  <//>`;
}

/** Links the job's analysis to a set: the one chosen at upload (once), or one chosen here. */
async function linkSet(jobId, setId) {
  return api.put(`/analyses/${jobId}/sets/${encodeURIComponent(setId)}`);
}

/** The set the check belongs to (a link to it), or the way to link one. */
function LinkedSet({ job, athlete, wantedSet, reload }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const linked = job.linked_sets || [];
  // Sets offered are the chosen athlete's: a report of another athlete's job offers none.
  const mayLink = athlete.access !== 'read' && job.athlete_id === athlete.id;

  const link = async (setId) => {
    setBusy(true);
    setError(null);
    try {
      await linkSet(job.id, setId);
      reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (wantedSet && mayLink && !linked.some((set) => String(set.id) === wantedSet)) link(wantedSet);
  }, [job.id, wantedSet]);

  const unit = (athlete.profile && athlete.profile.unit) || 'kg';
  if (linked.length > 0) {
    return html`<section aria-labelledby="form-set">
      <h2 id="form-set">The set checked</h2>
      <ul class="link-list">${linked.map((set) => html`<li key=${set.id}>
        <a href=${`#/history/${set.session_id}`}>${setLabel(set, unit)}</a>
        ${set.faults.length ? html`<span class="muted">Faults on the set: ${set.faults.map(faultName).join(', ')}</span>` : null}
      </li>`)}</ul>
    </section>`;
  }
  if (!mayLink) return null;
  const submit = (event) => {
    event.preventDefault();
    const setId = new FormData(event.target).get('set_id');
    if (setId) link(setId);
  };
  return html`<form class="card stack form-card" onSubmit=${submit} aria-labelledby="form-set">
    <h2 id="form-set">Which set was this?</h2>
    <p class="muted">Linking the check to its set lets the plan take the faults into account.</p>
    <${SetPicker} athlete=${athlete} id="form-link-set" label="Set this clip shows" />
    <${ErrorMessage} error=${error} />
    <button type="submit" class="wide" disabled=${busy}>${busy ? 'Linking…' : 'Link to this set'}</button>
  </form>`;
}

/** A finished job's report: summary, video, faults with cues, reps, quality notes. */
function Report({ job }) {
  const result = job.result;
  return html`<section class="stack" aria-labelledby="form-report">
    <h2 id="form-report">Report</h2>
    <p><span class="big-number">${result.rep_count}</span> reps found</p>
    <${AnnotatedVideo} job=${job} />
    <${Faults} result=${result} />
    <${RepTable} reps=${result.reps} />
    <${QualityNotes} quality=${result.quality} />
  </section>`;
}

function AnnotatedVideo({ job }) {
  if (job.video_url) {
    return html`<figure class="form-video">
      <video src=${job.video_url} controls playsinline preload="metadata"
        aria-describedby="form-video-caption"></video>
      <figcaption id="form-video-caption" class="muted">The set as filmed, with the skeleton,
        the thigh angle, the rep counter and each rep's faults drawn on it (no sound).</figcaption>
    </figure>`;
  }
  const why = job.kind === 'keypoints'
    ? 'This check was made from a keypoint file: there is no video to show.'
    : 'The annotated video of this check is not available.';
  return html`<p class="muted">${why}</p>`;
}

/** A fault code as words ("short_rom" -> "short rom"). */
function faultName(code) {
  return code.replace(/_/g, ' ');
}

function Faults({ result }) {
  if (result.faults.length === 0) {
    return html`<p class="ok">No faults found: the reps look good.</p>`;
  }
  return html`<section aria-labelledby="form-faults">
    <h3 id="form-faults">Faults and what to do</h3>
    <ul class="form-faults">
      ${result.faults.map((code) => html`<li key=${code}>
        <strong>${faultName(code)}</strong>
        <p>${(result.advice || {})[code] || ''}</p>
      </li>`)}
    </ul>
  </section>`;
}

/** A number from the document with its unit, or a dash when it could not be measured. */
function measured(value, unit) {
  if (value === null || value === undefined) return '–';
  return unit === '°' ? `${value}°` : `${value}\u00a0${unit}`;
}

function RepTable({ reps }) {
  if (reps.length === 0) return html`<p class="muted">No reps were found in this clip.</p>`;
  return html`<div class="table-scroll form-reps" role="region" aria-labelledby="form-reps" tabindex="0">
    <table>
      <caption id="form-reps">Reps: thigh angle at the bottom and top, and phase times</caption>
      <thead><tr>
        <th scope="col">Rep</th><th scope="col">Range (thigh)</th><th scope="col">Up</th>
        <th scope="col">Hold</th><th scope="col">Down</th><th scope="col">Faults</th>
      </tr></thead>
      <tbody>
        ${reps.map((rep) => html`<tr key=${rep.index}>
          <th scope="row">${rep.index}</th>
          <td>${measured(rep.bottom_angle_deg, '°')} → ${measured(rep.top_angle_deg, '°')}</td>
          <td>${measured(rep.concentric_s, 's')}</td>
          <td>${measured(rep.hold_s, 's')}</td>
          <td>${measured(rep.eccentric_s, 's')}</td>
          <td>${rep.faults.length ? rep.faults.map(faultName).join(', ') : 'none'}</td>
        </tr>`)}
      </tbody>
    </table>
  </div>`;
}

function QualityNotes({ quality }) {
  const cuts = quality.cuts_s || [];
  return html`<section aria-labelledby="form-quality">
    <h3 id="form-quality">About the clip</h3>
    <ul>
      <li>Person tracked in ${Math.round(quality.tracked_fraction * 100)}% of the frames.</li>
      <li>Side analysed: ${quality.side}.</li>
      ${cuts.length ? html`<li>Cuts found at ${cuts.join(' s, ')} s.</li>` : null}
      ${quality.warnings.map((warning) => html`<li key=${warning}>${warning}</li>`)}
    </ul>
  </section>`;
}

function formatWhen(iso) {
  return new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}
