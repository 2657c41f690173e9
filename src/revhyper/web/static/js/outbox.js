// Writes that must not be lost: each is stored on the device (localStorage) with its
// Idempotency-Key *before* it is sent, and stays there until the server has answered it. When
// the connection drops, the writes wait and are sent again, in order, when it returns (the
// 'online' event, the app's start, or every RETRY_MS); the key makes a resend that the server
// had in fact already stored come back as the first answer, never a second set.

import { ApiError, OfflineError, newKey, request } from './api.js';

const STORE = 'revhyper.outbox';
const REJECTED = 'revhyper.outbox.rejected';
const RETRY_MS = 15000;
const listeners = new Set();
let flushing = null;
// The signed-in account: each write is kept with the account that made it and sent only while
// that account is signed in on this device (never under someone else's session).
let owner = null;

function read(name) {
  try {
    return JSON.parse(localStorage.getItem(name) || '[]');
  } catch (_) {
    return [];
  }
}

function write(name, items) {
  localStorage.setItem(name, JSON.stringify(items));
  for (const listener of listeners) listener();
}

/** Sets the signed-in account (null when none): its writes are the ones shown and sent. */
export function setOwner(username) {
  owner = username;
  for (const listener of listeners) listener();
}

/** The signed-in account (null when none). */
export function currentOwner() {
  return owner;
}

/** The signed-in account's writes waiting to be sent, oldest first. */
export function pending() {
  return owner === null ? [] : read(STORE).filter((item) => item.user === owner);
}

function forget(key) {
  write(STORE, read(STORE).filter((other) => other.key !== key));
}

/** Writes the server refused (a 4xx other than a conflict): shown so nothing vanishes silently. */
export function rejected() {
  return read(REJECTED);
}

export function dismissRejected(key) {
  write(REJECTED, rejected().filter((item) => item.key !== key));
}

/** Calls `listener()` whenever the queue changes; answers a function that stops it. */
export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Not the write's fault: no connection, a busy server, or no signed-in session (or its CSRF
 * token) yet; the write waits for the next try instead of being refused. */
function retryable(error) {
  return error instanceof OfflineError
    || (error instanceof ApiError && (error.status >= 500 || error.status === 429
      || error.status === 401 || (error.status === 403 && error.code === 'csrf_failed')
      || (error.status === 409 && error.code === 'write_conflict')));
}

async function sendOne(item) {
  return request(item.method, item.path, { body: item.body, idempotencyKey: item.key });
}

async function sendAll() {
  const answers = {};
  for (const item of pending()) {
    try {
      answers[item.key] = { ok: true, data: await sendOne(item) };
    } catch (error) {
      if (retryable(error)) break;
      answers[item.key] = { ok: false, error };
      write(REJECTED, [...rejected(), { ...item, message: error.message }]);
    }
    forget(item.key);
  }
  return answers;
}

/**
 * Sends every waiting write, in order; stops at the first that cannot be sent now. Answers
 * the answers of those sent, by key. One send at a time: a call during one joins it.
 */
export function flush() {
  // Cleared in .finally (always later than this assignment): a send that finishes at once,
  // with an empty queue, must not leave its settled promise behind to answer every later call.
  if (!flushing) flushing = sendAll().finally(() => { flushing = null; });
  return flushing;
}

/**
 * Stores a write on the device, then tries to send the queue. Answers {status: 'sent', data}
 * when the server stored it now, {status: 'queued'} when it waits for the connection; throws
 * the ApiError when the server refused it (the write is then not kept).
 */
export async function submit(method, path, body, label = '') {
  if (owner === null) throw new Error('Sign in first: a write is kept for the account that made it.');
  const item = {
    key: newKey(), user: owner, method, path, body, label, queuedAt: new Date().toISOString(),
  };
  const joined = flushing !== null;
  write(STORE, [...read(STORE), item]);
  let answers = await flush();
  // A send already under way took the queue as it was before this write: send again.
  if (joined && !(item.key in answers)) answers = await flush();
  const answer = answers[item.key];
  if (!answer) return { status: 'queued', key: item.key };
  if (!answer.ok) {
    dismissRejected(item.key);
    throw answer.error;
  }
  return { status: 'sent', key: item.key, data: answer.data };
}

/** Starts sending the queue on 'online', when the page becomes visible, and every RETRY_MS. */
export function startSync() {
  window.addEventListener('online', () => flush());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') flush();
  });
  setInterval(() => {
    if (pending().length) flush();
  }, RETRY_MS);
  flush();
}
