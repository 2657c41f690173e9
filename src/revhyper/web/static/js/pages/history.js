// History: the athlete's sessions, newest first, a page at a time, each a card with its sets
// (reps × load in the athlete's unit, RPE, pain, faults). Filters (dates, variation, set kind)
// are applied by the server. The owner and coaches correct or delete a set from here.

import { html, useState } from '../html.js';
import { api } from '../api.js';
import {
  Page, Field, ErrorMessage, Loading, NeedsAthlete, useApi, formatLoad, toKg, fromKg,
} from '../ui.js';

/** Sessions on one page of the history. */
const PAGE_SIZE = 10;

const NO_FILTER = { since: '', until: '', variation: '', kind: '' };

const KIND_NAMES = { working: 'Working', warmup: 'Warm-up' };

/** "Mon 2 Nov 2026" for an ISO date, read as a calendar day (no time zone shift). */
export function formatDay(iso) {
  const [year, month, day] = iso.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString(undefined, {
    weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC',
  });
}

function canWrite(athlete) {
  return athlete.access === 'owner' || athlete.access === 'coach';
}

export default function History({ athlete }) {
  if (!athlete) return html`<${Page} title="History"><${NeedsAthlete} /><//>`;
  return html`<${Page} title="History"><${AthleteHistory} athlete=${athlete} key=${athlete.id} /><//>`;
}

function AthleteHistory({ athlete }) {
  const [filter, setFilter] = useState(NO_FILTER);
  const [offset, setOffset] = useState(0);
  const variations = useApi('/variations');
  const names = variationNames(variations.data);
  const query = { ...filter, newest_first: true, limit: PAGE_SIZE, offset };
  const sessions = useApi(`/athletes/${athlete.id}/sessions`, query);
  const apply = (next) => { setFilter(next); setOffset(0); };
  return html`
    <${FilterForm} filter=${filter} variations=${variations.data} apply=${apply} />
    <${ErrorMessage} error=${sessions.error} />
    ${sessions.loading && !sessions.data ? html`<${Loading} what="Loading sessions" />` : null}
    ${sessions.data ? html`
      <${Pager} total=${sessions.data.total} offset=${offset} setOffset=${setOffset} />
      <${SessionList} items=${sessions.data.items} athlete=${athlete} names=${names}
        reload=${sessions.reload} />
      ${sessions.data.items.length > 3
        ? html`<${Pager} total=${sessions.data.total} offset=${offset} setOffset=${setOffset} bottom />`
        : null}` : null}`;
}

function variationNames(list) {
  const names = {};
  for (const item of (list && list.items) || []) names[item.id] = item.name;
  return names;
}

function FilterForm({ filter, variations, apply }) {
  const [draft, setDraft] = useState(filter);
  const set = (name) => (event) => setDraft({ ...draft, [name]: event.target.value });
  const submit = (event) => { event.preventDefault(); apply(draft); };
  const clear = () => { setDraft(NO_FILTER); apply(NO_FILTER); };
  return html`<details class="card history-filter" open=${filterIsSet(filter)}>
    <summary>Filter${filterIsSet(filter) ? ' (on)' : ''}</summary>
    <form onSubmit=${submit} aria-label="Filter the history">
      <div class="history-dates">
        <${Field} label="From" id="history-since">
          <input id="history-since" type="date" value=${draft.since} onInput=${set('since')} />
        <//>
        <${Field} label="To" id="history-until">
          <input id="history-until" type="date" value=${draft.until} onInput=${set('until')} />
        <//>
      </div>
      <${Field} label="Variation" id="history-variation">
        <select id="history-variation" value=${draft.variation} onChange=${set('variation')}>
          <option value="">All variations</option>
          ${((variations && variations.items) || []).map((v) => html`<option value=${v.id}>${v.name}</option>`)}
        </select>
      <//>
      <${Field} label="Kind of set" id="history-kind">
        <select id="history-kind" value=${draft.kind} onChange=${set('kind')}>
          <option value="">Working and warm-up</option>
          <option value="working">Working sets</option>
          <option value="warmup">Warm-up sets</option>
        </select>
      <//>
      <div class="row">
        <button type="submit" class="primary">Show</button>
        <button type="button" onClick=${clear}>Clear filter</button>
      </div>
    </form>
  </details>`;
}

function filterIsSet(filter) {
  return Object.values(filter).some((value) => value !== '');
}

function Pager({ total, offset, setOffset, bottom }) {
  if (total === 0) return null;
  const last = Math.min(offset + PAGE_SIZE, total);
  const label = bottom ? 'More sessions (end of list)' : 'More sessions';
  return html`<nav class="history-pager" aria-label=${label}>
    <button type="button" disabled=${offset === 0}
      onClick=${() => setOffset(Math.max(0, offset - PAGE_SIZE))}>Newer</button>
    <span role="status">Sessions ${offset + 1}–${last} of ${total}</span>
    <button type="button" disabled=${last >= total}
      onClick=${() => setOffset(offset + PAGE_SIZE)}>Older</button>
  </nav>`;
}

function SessionList({ items, athlete, names, reload }) {
  if (items.length === 0) {
    return html`<p class="muted">No sessions match. Logged sessions appear here.</p>`;
  }
  return html`<ol class="history-sessions">
    ${items.map((session) => html`<li key=${session.id}>
      <${SessionCard} session=${session} athlete=${athlete} names=${names} reload=${reload} />
    </li>`)}
  </ol>`;
}

function SessionCard({ session, athlete, names, reload }) {
  const unit = athlete.profile.unit;
  const heading = `session-${session.id}`;
  return html`<article class="card history-session" aria-labelledby=${heading}>
    <h2 id=${heading}>${formatDay(session.day)}</h2>
    <p class="muted history-summary">
      ${session.status === 'performed' ? '' : `${statusText(session.status)} · `}
      Volume ${formatLoad(session.volume_load_kg, unit)}
      ${session.pain_before !== null ? ` · pain before ${session.pain_before}/10` : ''}
      ${session.pain_after !== null ? ` · pain after ${session.pain_after}/10` : ''}
    </p>
    ${session.notes ? html`<p>${session.notes}</p>` : null}
    <ul class="history-sets">
      ${session.sets.map((set) => html`<li key=${set.id}>
        <${SetRow} set=${set} athlete=${athlete} names=${names} reload=${reload} />
      </li>`)}
    </ul>
  </article>`;
}

function statusText(status) {
  return { planned: 'Planned', in_progress: 'In progress' }[status] || status;
}

/** One set: what was done, and for the owner and coaches its Edit and Delete buttons. */
function SetRow({ set, athlete, names, reload }) {
  const [mode, setMode] = useState('show');
  const unit = athlete.profile.unit;
  if (mode === 'edit') {
    return html`<${SetEditor} set=${set} athlete=${athlete}
      done=${(changed) => { setMode('show'); if (changed) reload(); }} />`;
  }
  return html`<div class="history-set">
    <p class="history-set-main">
      <strong>${set.reps} × ${formatLoad(set.load_kg, unit)}</strong>
      <span> ${names[set.variation] || set.variation}</span>
      ${set.side ? html`<span> (${set.side})</span>` : null}
      ${set.kind === 'warmup' ? html`<span class="history-tag"> warm-up</span>` : null}
    </p>
    <p class="history-set-details muted">${setDetails(set)}</p>
    ${set.faults.length ? html`<p class="history-faults">Faults: ${set.faults.join(', ')}</p>` : null}
    ${set.notes ? html`<p class="history-notes">${set.notes}</p>` : null}
    ${canWrite(athlete) ? html`<${SetActions} set=${set} athlete=${athlete} mode=${mode}
      setMode=${setMode} reload=${reload} />` : null}
  </div>`;
}

function setDetails(set) {
  const parts = [];
  if (set.rpe !== null) parts.push(`RPE ${set.rpe}`);
  if (set.rir !== null) parts.push(`RIR ${set.rir}`);
  parts.push(set.pain === null ? 'pain not noted' : `pain ${set.pain}/10`);
  if (set.tempo) parts.push(`tempo ${set.tempo}`);
  if (set.hold_s !== null) parts.push(`hold ${set.hold_s} s`);
  if (set.band) parts.push(`band ${set.band}`);
  return parts.join(' · ');
}

function SetActions({ set, athlete, mode, setMode, reload }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const what = `set ${set.position} of ${formatDay(set.day)}`;
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.del(`/athletes/${athlete.id}/sets/${set.id}`);
      setMode('show');
      reload();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  if (mode === 'confirm') {
    return html`<div class="notice history-confirm" role="group" aria-label=${`Delete ${what}?`}>
      <p>Delete this set? This cannot be undone.</p>
      <${ErrorMessage} error=${error} />
      <div class="row">
        <button type="button" class="danger" disabled=${busy} onClick=${remove}>Yes, delete</button>
        <button type="button" onClick=${() => setMode('show')}>Keep it</button>
      </div>
    </div>`;
  }
  return html`<div class="row history-actions">
    <button type="button" onClick=${() => setMode('edit')} aria-label=${`Edit ${what}`}>Edit</button>
    <button type="button" class="danger" onClick=${() => setMode('confirm')}
      aria-label=${`Delete ${what}`}>Delete</button>
  </div>`;
}

/** The values of a set as typed in the form (load in the athlete's unit). */
function draftOf(set, unit) {
  const text = (value) => (value === null ? '' : String(value));
  return {
    reps: String(set.reps), load: String(fromKg(set.load_kg, unit)), rpe: text(set.rpe),
    pain: text(set.pain), notes: set.notes,
  };
}

/** The fields that changed, as the API takes them (load in kg); blank leaves a value as is.
 * The server checks the values (its message is shown when it refuses one). */
function changesOf(draft, set, unit) {
  const changes = {};
  const number = (text) => (text.trim() === '' ? null : Number(text));
  if (number(draft.reps) !== null && number(draft.reps) !== set.reps) changes.reps = number(draft.reps);
  const load = number(draft.load);
  if (load !== null && load !== fromKg(set.load_kg, unit)) changes.load_kg = toKg(load, unit);
  if (number(draft.rpe) !== null && number(draft.rpe) !== set.rpe) changes.rpe = number(draft.rpe);
  if (number(draft.pain) !== null && number(draft.pain) !== set.pain) changes.pain = number(draft.pain);
  if (draft.notes !== set.notes) changes.notes = draft.notes;
  return changes;
}

function SetEditor({ set, athlete, done }) {
  const unit = athlete.profile.unit;
  const [draft, setDraft] = useState(draftOf(set, unit));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const id = (name) => `set-${set.id}-${name}`;
  const bind = (name) => ({
    id: id(name), value: draft[name],
    onInput: (event) => setDraft({ ...draft, [name]: event.target.value }),
  });
  const save = async (event) => {
    event.preventDefault();
    const changes = changesOf(draft, set, unit);
    if (Object.keys(changes).length === 0) { done(false); return; }
    setBusy(true);
    setError(null);
    try {
      await api.patch(`/athletes/${athlete.id}/sets/${set.id}`, changes);
      done(true);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return html`<form class="history-editor" onSubmit=${save}
      aria-label=${`Edit set ${set.position} of ${formatDay(set.day)}`}>
    <div class="history-editor-grid">
      <${Field} label="Reps" id=${id('reps')}>
        <input type="number" inputmode="numeric" step="1" required ...${bind('reps')} />
      <//>
      <${Field} label=${`Load (${unit})`} id=${id('load')}>
        <input type="number" inputmode="decimal" step="any" required ...${bind('load')} />
      <//>
      <${Field} label="RPE" id=${id('rpe')}>
        <input type="number" inputmode="decimal" step="any" ...${bind('rpe')} />
      <//>
      <${Field} label="Pain (0–10)" id=${id('pain')}>
        <input type="number" inputmode="numeric" step="1" ...${bind('pain')} />
      <//>
    </div>
    <${Field} label="Notes" id=${id('notes')}>
      <textarea rows="2" ...${bind('notes')}></textarea>
    <//>
    <${ErrorMessage} error=${error} />
    <div class="row">
      <button type="submit" class="primary" disabled=${busy}>Save changes</button>
      <button type="button" onClick=${() => done(false)}>Cancel</button>
    </div>
  </form>`;
}
