// Small shared pieces of the pages: loading an API answer, showing its error, labelled fields,
// loads in the user's unit. Presentation only: every figure comes from the API.

import { html, useState, useEffect, useCallback, useRef } from './html.js';
import { api, OfflineError } from './api.js';

/** Pounds in one kilogram (the international avoirdupois pound, exactly 0.45359237 kg). */
export const LB_PER_KG = 1 / 0.45359237;

/** A load stored in kilograms, shown in `unit` ('kg' or 'lb') with at most one decimal. */
export function formatLoad(kg, unit = 'kg') {
  if (kg === null || kg === undefined) return '–';
  const value = unit === 'lb' ? kg * LB_PER_KG : kg;
  return `${Number(value.toFixed(1))} ${unit}`;
}

/** A load typed in `unit`, as kilograms for the API. */
export function toKg(value, unit = 'kg') {
  return unit === 'lb' ? value / LB_PER_KG : value;
}

/** A load in kilograms, as a number in `unit` (one decimal) to prefill a field. */
export function fromKg(kg, unit = 'kg') {
  return Number((unit === 'lb' ? kg * LB_PER_KG : kg).toFixed(1));
}

/**
 * GET `path` (with `query`) when the arguments change: {data, error, loading, reload}.
 * `path` null waits (e.g. until an athlete is chosen). While the answer for new arguments is on
 * its way, `data` is still the old answer and `loading` is true; an answer that comes back after
 * the arguments changed again is dropped, so a page never shows one request's rows under
 * another's heading.
 */
export function useApi(path, query) {
  const key = path === null ? null : path + JSON.stringify(query || {});
  const [state, setState] = useState({ key, data: null, error: null, loading: path !== null });
  const current = useRef(key);
  current.current = key;
  const load = useCallback(async () => {
    if (path === null) return;
    const settle = (next) => { if (current.current === key) setState({ key, ...next }); };
    setState((old) => ({ ...old, loading: true, error: null }));
    try {
      settle({ data: await api.get(path, query), error: null, loading: false });
    } catch (error) {
      settle({ data: null, error, loading: false });
    }
  }, [key]);
  useEffect(() => { load(); }, [key]);
  const stale = path !== null && state.key !== key;
  return { data: state.data, error: state.error, loading: state.loading || stale, reload: load };
}

export function ErrorMessage({ error }) {
  if (!error) return null;
  const text = error instanceof OfflineError
    ? 'No connection: this needs the server. It will work again when you are back online.'
    : error.message;
  return html`<p class="error" role="alert">${text}</p>`;
}

export function Loading({ what = 'Loading' }) {
  return html`<p class="muted" role="status">${what}…</p>`;
}

/** A page's frame: its heading and content. */
export function Page({ title, children }) {
  return html`<main class="page" id="main"><h1>${title}</h1>${children}</main>`;
}

/** A labelled control; `hint` is read out with it. */
export function Field({ label, id, hint, children }) {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${children}
    ${hint ? html`<small id=${id + '-hint'} class="hint">${hint}</small>` : null}
  </div>`;
}

/** Asks the page's reader to choose an athlete first (coaches with none granted, say). */
export function NeedsAthlete() {
  return html`<p>No athlete to show yet. An athlete's owner can give you access from their
    Sharing page; an athlete account sets up its profile on the <a href="#/plan">Plan</a> page.</p>`;
}
