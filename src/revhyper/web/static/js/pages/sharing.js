// The owner's sharing page: who has access to the chosen athlete, giving a coach or physio
// `read` or `coach` access by account name, taking it back (after a confirmation), and the
// athlete's audit log (who read or changed what, and when), a page at a time.
// The server decides who may do what; this page shows its answers and its refusals.

import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { ErrorMessage, Field, Loading, NeedsAthlete, Page, useApi } from '../ui.js';

/** Audit events per page. */
const AUDIT_PAGE = 20;

const SCOPES = { read: 'Read only', coach: 'Coach' };
const SCOPE_HINT = 'Read only sees the log, plans and form analyses; Coach may also change plans and log sets.';

function when(at) {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

const API_REQUEST = /^[A-Z]+ \/api\/v1\/athletes\/\d+\/?(.*)$/;
/** The coach's overview of all their athletes (GET /api/v1/shared-athletes). */
const OVERVIEW_REQUEST = /^GET \/api\/v1\/shared-athletes$/;

/** An audit event's "what", in words: "read: sessions" for "GET /api/v1/athletes/3/sessions". */
function describe(event) {
  if (OVERVIEW_REQUEST.test(event.detail || '')) {
    return html`${event.action}: overview (recent sessions, back pain, form flags)
      <small class="muted request">${event.detail}</small>`;
  }
  const request = API_REQUEST.exec(event.detail);
  if (!request) return event.detail ? `${event.action}: ${event.detail}` : event.action;
  const what = request[1].split('/').filter(Boolean).join(' ') || 'athlete profile';
  return html`${event.action}: ${what} <small class="muted request">${event.detail}</small>`;
}

function GrantForm({ athleteId, onDone }) {
  const [username, setUsername] = useState('');
  const [scope, setScope] = useState('read');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const granted = await api.post(`/athletes/${athleteId}/grants`, { username: username.trim(), scope });
      setUsername('');
      onDone(`${granted.username} now has ${granted.scope} access.`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return html`<form class="card grant-form" onSubmit=${submit}>
    <h2>Give access</h2>
    <${Field} label="Account name" id="grant-username" hint="The coach's or physio's account name on this server.">
      <input id="grant-username" required maxlength="60" autocomplete="off" autocapitalize="none"
        aria-describedby="grant-username-hint"
        value=${username} onInput=${(e) => setUsername(e.target.value)} />
    <//>
    <${Field} label="Access" id="grant-scope" hint=${SCOPE_HINT}>
      <select id="grant-scope" aria-describedby="grant-scope-hint" value=${scope} onChange=${(e) => setScope(e.target.value)}>
        ${Object.entries(SCOPES).map(([value, text]) => html`<option value=${value}>${text}</option>`)}
      </select>
    <//>
    <${ErrorMessage} error=${error} />
    <button class="primary wide" type="submit" disabled=${busy}>Give access</button>
  </form>`;
}

function GrantRow({ grant, athleteId, onDone }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState(null);
  const keep = useRef(null);
  useEffect(() => { if (confirming && keep.current) keep.current.focus(); }, [confirming]);
  const revoke = async () => {
    setError(null);
    try {
      await api.del(`/athletes/${athleteId}/grants/${encodeURIComponent(grant.username)}`);
      onDone(`${grant.username} no longer has access.`);
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<li class="grant-row">
    <div><strong>${grant.username}</strong> <span class="muted">${grant.scope} access since ${when(grant.created_at)}</span></div>
    ${confirming
      ? html`<div class="row" role="group" aria-label=${`Confirm revoking ${grant.username}`}>
          <span>Take back ${grant.username}'s access now?</span>
          <button class="danger" onClick=${revoke}>Yes, revoke ${grant.username}</button>
          <button ref=${keep} onClick=${() => setConfirming(false)}>Keep access</button>
        </div>`
      : html`<button class="danger" onClick=${() => setConfirming(true)}>Revoke ${grant.username}</button>`}
    <${ErrorMessage} error=${error} />
  </li>`;
}

function Grants({ athleteId, grants, onDone }) {
  if (grants.error) return html`<${ErrorMessage} error=${grants.error} />`;
  if (!grants.data) return html`<${Loading} />`;
  if (!grants.data.length) return html`<p class="muted">Nobody else has access.</p>`;
  return html`<ul class="link-list grant-list">
    ${grants.data.map((g) => html`<${GrantRow} key=${g.username} grant=${g} athleteId=${athleteId} onDone=${onDone} />`)}
  </ul>`;
}

function AuditLog({ athleteId }) {
  const [offset, setOffset] = useState(0);
  const log = useApi(`/athletes/${athleteId}/audit`, { limit: AUDIT_PAGE, offset });
  if (log.error) return html`<${ErrorMessage} error=${log.error} />`;
  if (!log.data) return html`<${Loading} />`;
  const { items, total } = log.data;
  if (!total) return html`<p class="muted">Nobody else has read or changed this athlete's data.</p>`;
  const last = Math.min(offset + items.length, total);
  // The rows shown belong to the previous page until the next one comes: one turn at a time.
  const turn = (by) => { if (!log.loading) setOffset(Math.max(0, offset + by)); };
  return html`<div class="table-scroll" role="region" aria-label="Audit log" tabindex="0"><table class="audit-table">
      <caption aria-live="polite">${log.loading ? 'Loading events…' : `Events ${offset + 1}–${last} of ${total}, newest first`}</caption>
      <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th></tr></thead>
      <tbody>${items.map((e) => html`<tr key=${e.id}>
        <td>${when(e.at)}</td><td>${e.actor}</td><td>${describe(e)}</td>
      </tr>`)}</tbody>
    </table></div>
    <div class="row">
      <button disabled=${offset === 0} onClick=${() => turn(-AUDIT_PAGE)}>Newer events</button>
      <button disabled=${last >= total} onClick=${() => turn(AUDIT_PAGE)}>Older events</button>
    </div>`;
}

function OwnerSharing({ athlete }) {
  const grants = useApi(`/athletes/${athlete.id}/grants`);
  const [message, setMessage] = useState(null);
  const [version, setVersion] = useState(0);
  const changed = (text) => {
    setMessage(text);
    grants.reload();
    setVersion(version + 1);
  };
  return html`<div class="sharing">
    <p>Who may see ${athlete.name}'s training log. A coach or physio needs an account here.</p>
    ${message ? html`<p class="ok" role="status">${message}</p>` : null}
    <h2>People with access</h2>
    <${Grants} athleteId=${athlete.id} grants=${grants} onDone=${changed} />
    <${GrantForm} athleteId=${athlete.id} onDone=${changed} />
    <h2>Audit log</h2>
    <${AuditLog} key=${version} athleteId=${athlete.id} />
  </div>`;
}

export default function Sharing({ athlete }) {
  let content;
  if (!athlete) content = html`<${NeedsAthlete} />`;
  else if (athlete.access !== 'owner') {
    content = html`<p>Only an athlete's owner can share their data or read who looked at it.
      ${athlete.name}'s owner gave you ${athlete.access} access; ask them to change it.</p>`;
  } else content = html`<${OwnerSharing} key=${athlete.id} athlete=${athlete} />`;
  return html`<${Page} title="Sharing">${content}<//>`;
}
