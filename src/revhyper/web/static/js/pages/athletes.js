// The coach's and physio's view: the athletes who shared their log with the caller, each with
// recent sessions, the back-pain trend and form flags at a glance, and a button to open one.
// `#/athletes/<id>` shows a single athlete (not-found when the caller may not see it).
// The list comes in one request (/shared-athletes: each granted athlete's recent sessions, pain
// trend and form flags, summarised by the server); one athlete's page asks for the same figures
// from its own routes. This page only lays them out.

import { html } from '../html.js';
import { ErrorMessage, Loading, Page, useApi, formatLoad } from '../ui.js';

/** How far back the recent sessions are looked up [days]. */
const RECENT_DAYS = 56;
/** Sessions shown per athlete. */
const RECENT_SESSIONS = 3;
/** Pain points shown in the trend. */
const PAIN_POINTS = 8;
/** The top of the pain scale the API uses (0–10). */
const PAIN_SCALE_MAX = 10;

function isoDaysAgo(days) {
  const day = new Date(Date.now() - days * 86_400_000);
  return day.toISOString().slice(0, 10);
}

function painOf(point) {
  return point.after ?? point.max_during ?? point.before;
}

/** A small line of pain values (0–10), drawn with SVG elements (decorative: the numbers are text). */
function Sparkline({ values }) {
  if (values.length < 2) return null;
  const width = 120;
  const height = 32;
  const step = width / (values.length - 1);
  const points = values
    .map((v, i) => `${(i * step).toFixed(1)},${(height - (v / PAIN_SCALE_MAX) * height).toFixed(1)}`)
    .join(' ');
  return html`<svg class="sparkline" width=${width} height=${height} viewBox=${`0 0 ${width} ${height}`}
      aria-hidden="true" focusable="false">
    <polyline points=${points} fill="none" stroke="currentColor" stroke-width="2" />
  </svg>`;
}

function PainTrend({ progress }) {
  const points = progress.pain.filter((p) => painOf(p) !== null && painOf(p) !== undefined)
    .slice(-PAIN_POINTS);
  if (!points.length) return html`<p class="muted">No back pain recorded yet.</p>`;
  const values = points.map(painOf);
  const flagged = points.filter((p) => p.stopped_a_set || p.rose_too_much);
  return html`<div class="pain-trend">
    <p>
      <span class="visually-hidden">Pain, oldest to newest: </span>
      <span class="pain-values" data-testid="pain-values">${values.join(' · ')}</span>
      <${Sparkline} values=${values} />
    </p>
    ${flagged.length ? html`<p class="notice">
      ${flagged.map((p) => html`<span class="flag">${p.day}: ${p.stopped_a_set
        ? 'pain stopped a set' : 'pain rose after the session'}</span> `)}
    </p>` : null}
  </div>`;
}

function SessionRow({ session, unit }) {
  const working = session.working_sets;
  const pain = [session.pain_before, session.pain_after]
    .map((v) => (v === null ? '–' : v)).join(', ');
  return html`<tr>
    <td>${session.day}${session.status === 'performed' ? '' : html` <span class="muted">(${session.status.replace('_', ' ')})</span>`}</td>
    <td>${working}</td>
    <td>${formatLoad(session.volume_load_kg, unit)}</td>
    <td>${pain}</td>
  </tr>`;
}

function RecentSessions({ sessions, unit }) {
  if (!sessions.length) return html`<p class="muted">No sessions in the last ${RECENT_DAYS / 7} weeks.</p>`;
  return html`<div class="table-scroll" role="region" aria-label="Recent sessions" tabindex="0"><table>
    <caption class="visually-hidden">Recent sessions, newest first</caption>
    <thead><tr><th scope="col">Day</th><th scope="col">Sets<span class="visually-hidden"> (working)</span></th>
      <th scope="col">Volume</th><th scope="col">Pain before, after</th></tr></thead>
    <tbody>${sessions.map((s) => html`<${SessionRow} key=${s.id} session=${s} unit=${unit} />`)}</tbody>
  </table></div>`;
}

/** A session of the sessions route in the overview's short form. */
function shortSession(session) {
  return {
    id: session.id, day: session.day, status: session.status, pain_before: session.pain_before,
    pain_after: session.pain_after, volume_load_kg: session.volume_load_kg,
    working_sets: session.sets.filter((s) => s.kind === 'working').length,
  };
}

function faultCounts(sessions) {
  const counts = new Map();
  for (const session of sessions) {
    for (const one of session.sets) for (const fault of one.faults) counts.set(fault, (counts.get(fault) || 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([fault, sets]) => ({ fault, sets }));
}

function FormFlags({ faults, analyses, latest }) {
  return html`<div>
    ${faults.length
      ? html`<ul class="fault-list">${faults.map(({ fault, sets: n }) => html`
          <li key=${fault}>${fault.replaceAll('_', ' ')} <span class="muted">(${n} ${n === 1 ? 'set' : 'sets'})</span></li>`)}</ul>`
      : html`<p class="muted">No form faults on recent sets.</p>`}
    <p class="muted">${analyses
      ? `${analyses} form ${analyses === 1 ? 'analysis' : 'analyses'}; latest ${latest.filename} (${latest.status}).`
      : 'No form analyses uploaded.'}</p>
  </div>`;
}

/** One athlete's card from a summary ({recent_sessions (newest first), pain, faults,
 * analyses, latest_analysis}) as /shared-athletes gives it. */
function AthleteCard({ athlete, summary, unit, open }) {
  const headingId = `athlete-${athlete.id}-name`;
  return html`<article class="card athlete-card" aria-labelledby=${headingId}>
    <div class="row athlete-card-head">
      <h2 id=${headingId}>${athlete.name}</h2>
      <span class="access-badge">${athlete.access === 'owner' ? 'yours' : `${athlete.access} access`}</span>
    </div>
    <div class="athlete-card-body">
      <section class="coach-section"><h3>Recent sessions</h3>
        <${RecentSessions} sessions=${summary.recent_sessions} unit=${unit} /></section>
      <section class="coach-section"><h3>Back pain</h3>
        <${PainTrend} progress=${summary} /></section>
      <section class="coach-section"><h3>Form flags</h3>
        <${FormFlags} faults=${summary.faults} analyses=${summary.analyses} latest=${summary.latest_analysis} /></section>
    </div>
    <button class="primary" onClick=${() => open(athlete.id)}>Open ${athlete.name}</button>
  </article>`;
}

/** One athlete's summary from its own routes (the overview lists only granted athletes). */
function useSummary(id) {
  const base = `/athletes/${encodeURIComponent(id)}`;
  const sessions = useApi(base + '/sessions', { since: isoDaysAgo(RECENT_DAYS) });
  const progress = useApi(base + '/progress');
  const analyses = useApi(base + '/analyses', { limit: 5 });
  const error = sessions.error || progress.error || analyses.error;
  if (error || !sessions.data || !progress.data || !analyses.data) return { error, data: null };
  const recent = sessions.data.items.slice(-RECENT_SESSIONS);
  return {
    error: null,
    data: {
      recent_sessions: recent.reverse().map(shortSession),
      pain: progress.data.pain.slice(-PAIN_POINTS),
      faults: faultCounts(recent),
      analyses: analyses.data.total,
      latest_analysis: analyses.data.items[0] || null,
    },
  };
}

function OneAthlete({ id, open }) {
  const found = useApi(`/athletes/${encodeURIComponent(id)}`);
  const summary = useSummary(id);
  const error = found.error || summary.error;
  if (error) {
    return html`<${ErrorMessage} error=${error} />
      <p><a href="#/athletes">Back to all athletes</a></p>`;
  }
  if (!found.data || !summary.data) return html`<${Loading} />`;
  return html`<${AthleteCard} athlete=${found.data} summary=${summary.data}
      unit=${found.data.profile.unit || 'kg'} open=${open} />
    <p><a href="#/athletes">Back to all athletes</a></p>`;
}

function SharedAthletes({ open }) {
  const list = useApi('/shared-athletes');
  if (list.error) return html`<${ErrorMessage} error=${list.error} />`;
  if (!list.data) return html`<${Loading} />`;
  const shared = list.data.items;
  if (!shared.length) {
    return html`<p>No athlete has shared their log with you yet. An athlete's owner gives you
      access by your account name on their Sharing page.</p>`;
  }
  return html`<div class="athlete-cards">
    ${shared.map((a) => html`<${AthleteCard} key=${a.id} athlete=${a} summary=${a} unit=${a.unit} open=${open} />`)}
  </div>`;
}

export default function Athletes({ route, chooseAthlete, refresh, navigate }) {
  const open = async (id) => {
    await refresh(); // the athlete may have been granted since the app loaded its list
    chooseAthlete(id);
    navigate('history');
  };
  const id = route.args[0];
  return html`<${Page} title=${id ? 'Athlete' : 'Athletes'}>
    ${id ? html`<${OneAthlete} id=${id} open=${open} />` : html`<${SharedAthletes} open=${open} />`}
  <//>`;
}
