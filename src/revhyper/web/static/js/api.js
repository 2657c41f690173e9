// The REST API as the page calls it: the browser session's cookie (HttpOnly, sent by the
// browser), the CSRF token in X-CSRF-Token on every state-changing request, and the API's JSON
// errors ({"error": {"code", "message"}}) raised as ApiError. No training rule lives here.

const BASE = '/api/v1';
// The service worker's cache of API reads (API_CACHE in sw-template.js).
const API_CACHE = 'revhyper-api';
let csrfToken = null;
// The account the token belongs to: a token fetched again after a refusal is used only if it
// is still this account's (a write made under one account is never sent under another).
let csrfUser = null;

/** An answer of 4xx or 5xx: `status`, the API's `code` and its readable `message`. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The server could not be reached (no connection, or it is down). */
export class OfflineError extends Error {
  constructor() {
    super('No connection to the server.');
  }
}

/** The CSRF token of the browser session, and the account (`username`) it was issued to. */
export function setCsrfToken(token, username = null) {
  csrfToken = token;
  csrfUser = username;
}

function urlFor(path, query) {
  const url = new URL(BASE + path, location.origin);
  for (const [name, value] of Object.entries(query || {})) {
    if (value === undefined || value === null || value === '') continue;
    for (const one of Array.isArray(value) ? value : [value]) url.searchParams.append(name, one);
  }
  return url;
}

async function errorOf(response) {
  try {
    const data = await response.json();
    if (data && data.error) return new ApiError(response.status, data.error.code, data.error.message);
  } catch (_) { /* not JSON: fall through */ }
  return new ApiError(response.status, 'http_' + response.status, `The server answered ${response.status}.`);
}

/**
 * One API call. `body` is sent as JSON, `form` (FormData or URLSearchParams) as a form;
 * `idempotencyKey` makes a retried write safe. Answers the parsed JSON (null for 204), the
 * Response itself when `raw` is set.
 */
export async function request(method, path, options = {}) {
  try {
    return await send(method, path, options);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 403 && error.code === 'csrf_failed')) throw error;
    // The token belongs to the session cookie, which a sign-in in another tab replaces. The app
    // takes the new token from that tab's sign-in at once (app.js, the 'storage' event), so a
    // refusal is left only in the moment between the other tab's new cookie and that event
    // reaching this tab (or while this tab was frozen in the background and has not had the
    // event yet). Then the current token is asked for once, and used only when the session is
    // still this page's account: another account's session gets the refusal.
    const current = await send('GET', '/auth/session', {});
    if (csrfUser === null || current.username !== csrfUser) throw error;
    setCsrfToken(current.csrf_token, current.username);
    return send(method, path, options);
  }
}

async function send(method, path, { query, body, form, idempotencyKey, raw } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  let payload;
  if (form !== undefined) {
    payload = form;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  // Whether the service worker sees this request is settled when it is sent: it may take
  // control of the page while the answer is on its way, and then neither would keep it.
  const throughWorker = Boolean(navigator.serviceWorker?.controller);
  let response;
  try {
    response = await fetch(urlFor(path, query), {
      method, headers, body: payload, credentials: 'same-origin',
    });
  } catch (_) {
    throw new OfflineError();
  }
  if (!response.ok) throw await errorOf(response);
  if (method === 'GET' && !raw && !throughWorker) keepForOffline(response);
  if (raw) return response;
  if (response.status === 204) return null;
  return answerOf(response);
}

/** The JSON body of an answer. Its headers came, but the body may still be cut off on the way
 * (a dropped connection, or the page leaving mid-read): that is the network's failure, not a
 * refusal, so a kept write waits and is sent again (its Idempotency-Key makes that a replay). */
async function answerOf(response) {
  try {
    return await response.json();
  } catch (error) {
    if (error instanceof TypeError) throw new OfflineError();
    throw error;
  }
}

/** The service worker keeps every API read that passes through it, so the pages open offline.
 * Reads made before it controls the page (the first visit: it registers after the page has
 * loaded) do not pass through it; the page keeps those itself, in the worker's cache, or the
 * app would open offline with no athlete until some later visit read them again. */
function keepForOffline(response) {
  if (!('caches' in window)) return;
  const copy = response.clone();
  caches.open(API_CACHE).then((cache) => cache.put(response.url, copy)).catch(() => {});
}

export const api = {
  get: (path, query) => request('GET', path, { query }),
  post: (path, body, options = {}) => request('POST', path, { body, ...options }),
  patch: (path, body, options = {}) => request('PATCH', path, { body, ...options }),
  put: (path, body, options = {}) => request('PUT', path, { body, ...options }),
  del: (path, options = {}) => request('DELETE', path, options),
};

/** A new random key for Idempotency-Key (crypto.getRandomValues works on plain http too). */
export function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
