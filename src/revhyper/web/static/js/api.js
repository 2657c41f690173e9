// The REST API as the page calls it: the browser session's cookie (HttpOnly, sent by the
// browser), the CSRF token in X-CSRF-Token on every state-changing request, and the API's JSON
// errors ({"error": {"code", "message"}}) raised as ApiError. No training rule lives here.

const BASE = '/api/v1';
let csrfToken = null;

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

export function setCsrfToken(token) {
  csrfToken = token;
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
    // The CSRF token is tied to the session cookie: when the cookie changed under this page
    // (a sign-in in another tab replaces it), ask for the current token once and try again.
    if (!(error instanceof ApiError && error.status === 403 && error.code === 'csrf_failed')) throw error;
    const current = await send('GET', '/auth/session', {});
    setCsrfToken(current.csrf_token);
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
  let response;
  try {
    response = await fetch(urlFor(path, query), {
      method, headers, body: payload, credentials: 'same-origin',
    });
  } catch (_) {
    throw new OfflineError();
  }
  if (!response.ok) throw await errorOf(response);
  if (raw) return response;
  if (response.status === 204) return null;
  return response.json();
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
