// The app: who is signed in, which athlete is shown, the #/route -> page table, the frame
// (top bar, tab bar, connection and queue status). Pages are modules under ./pages/, loaded
// when first opened; each exports a default Preact component taking the AppContext's value.

import { html, render, createContext, useState, useEffect, useCallback } from './html.js';
import { api, setCsrfToken, ApiError, OfflineError } from './api.js';
import * as outbox from './outbox.js';

export const AppContext = createContext(null);

const ME = 'revhyper.me';
const CHOSEN_ATHLETE = 'revhyper.athlete';

/** Route name -> [page module, title, its label in the tab bar (null: not in the tab bar)].
 * Tab labels fit one line in a fifth of a 360 px screen ("Form check" wrapped there). */
export const ROUTES = {
  '': ['./pages/today.js', 'Today', 'Today'],
  session: ['./pages/session.js', 'Session', null],
  history: ['./pages/history.js', 'History', 'History'],
  progress: ['./pages/progress.js', 'Progress', 'Progress'],
  form: ['./pages/form.js', 'Form check', 'Form'],
  live: ['./pages/live.js', 'Live form check', null],
  plan: ['./pages/plan.js', 'Plan', null],
  mechanics: ['./pages/mechanics.js', 'Mechanics', null],
  athletes: ['./pages/athletes.js', 'Athletes', null],
  sharing: ['./pages/sharing.js', 'Sharing', null],
  settings: ['./pages/settings.js', 'Settings', null],
  more: ['./pages/more.js', 'More', 'More'],
  login: ['./pages/login.js', 'Sign in', null],
};

/** The route of the URL's #fragment: {name, args (path segments after it), query}. */
export function parseRoute(hash = location.hash) {
  const [path, search] = hash.replace(/^#\/?/, '').split('?');
  const [name = '', ...args] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { name: name in ROUTES ? name : null, args, query: new URLSearchParams(search || '') };
}

export function navigate(path) {
  location.hash = '#/' + path.replace(/^\/+/, '');
}

function remembered(name) {
  try {
    return JSON.parse(localStorage.getItem(name) || 'null');
  } catch (_) {
    return null;
  }
}

async function loadAccount() {
  try {
    const me = await api.get('/auth/session');
    localStorage.setItem(ME, JSON.stringify(me));
    return { me, offline: false };
  } catch (error) {
    if (error instanceof OfflineError) return { me: remembered(ME), offline: true };
    if (error instanceof ApiError && error.status === 401) {
      localStorage.removeItem(ME);
      return { me: null, offline: false };
    }
    throw error;
  }
}

async function loadAthletes() {
  const page = await api.get('/athletes');
  return page.items;
}

function useOnline() {
  const [online, setOnline] = useState(navigator.onLine);
  const [queued, setQueued] = useState(outbox.pending().length);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    const stop = outbox.subscribe(() => setQueued(outbox.pending().length));
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      stop();
    };
  }, []);
  return { online, queued };
}

function StatusBar({ online, queued }) {
  if (online && !queued) return null;
  const text = online
    ? `Sending ${queued} saved ${queued === 1 ? 'entry' : 'entries'}…`
    : queued
      ? `Offline: ${queued} ${queued === 1 ? 'entry waits' : 'entries wait'} on this device and will be sent when the connection returns.`
      : 'Offline: what you record is kept on this device and sent when the connection returns.';
  return html`<p class="status-bar" role="status" data-testid="connection-status">${text}</p>`;
}

function AthletePicker({ athletes, athlete, choose }) {
  if (athletes.length < 2) return null;
  return html`<label class="athlete-picker">
    <span class="visually-hidden">Athlete shown</span>
    <select value=${athlete ? athlete.id : ''} onChange=${(e) => choose(Number(e.target.value))}>
      ${athletes.map((a) => html`<option value=${a.id}>${a.name}${a.access === 'owner' ? '' : ` (${a.access})`}</option>`)}
    </select>
  </label>`;
}

function TabBar({ current }) {
  return html`<nav class="tab-bar" aria-label="Main">
    ${Object.entries(ROUTES).filter(([, [, , tab]]) => tab).map(([name, [, , tab]]) => html`
      <a href=${'#/' + name} aria-current=${current === name ? 'page' : undefined}>${tab}</a>`)}
  </nav>`;
}

function PageError({ error }) {
  return html`<main class="page"><h1>Something went wrong</h1>
    <p class="error" role="alert">${error.message}</p>
    <p><a href="#/">Back to today</a></p></main>`;
}

/** Counts the account reloads, so that only the latest one's answer is used. */
const refreshes = { latest: 0 };

/**
 * Another tab of this browser signed in or out (it wrote ME): the session cookie, which all
 * tabs share, is now that tab's, and the CSRF token this page holds belongs to the cookie it
 * replaced. The same account goes on with the new token at once; another account, or none,
 * reloads the account so that this page shows (and sends writes for) whoever is signed in.
 */
function followOtherTab(event, refresh) {
  if (event.key !== ME && event.key !== null) return;
  let me = null;
  try {
    me = JSON.parse(event.newValue || 'null');
  } catch (_) { /* unreadable: ask the server below */ }
  if (me && me.csrf_token && me.username === outbox.currentOwner()) {
    setCsrfToken(me.csrf_token, me.username);
    return;
  }
  refresh().catch(() => { /* the next request shows what is wrong */ });
}

function App() {
  const [route, setRoute] = useState(parseRoute());
  // A device that never signed in shows the sign-in form at once, without waiting for the
  // session check (a round trip on a slow connection); the check still runs and moves on to
  // the page asked for if a session exists after all.
  const [account, setAccount] = useState(remembered(ME) ? undefined : { me: null, offline: false });
  const [athletes, setAthletes] = useState([]);
  const [athleteId, setAthleteId] = useState(remembered(CHOSEN_ATHLETE));
  const [Page, setPage] = useState(null);
  const [failure, setFailure] = useState(null);
  const { online, queued } = useOnline();

  /** Reloads the account and its athletes; `signedIn` (the sign-in's answer, the same as
   * /auth/session's) spares asking for the account again. */
  const refresh = useCallback(async (answer) => {
    // Only a sign-in's answer counts as one (a page once passed `refresh` itself as a callback,
    // and the athlete it was called with became the signed-in account, CSRF token undefined).
    const signedIn = answer && answer.csrf_token && answer.username ? answer : undefined;
    const asked = ++refreshes.latest;
    if (signedIn) localStorage.setItem(ME, JSON.stringify(signedIn));
    const loaded = signedIn ? { me: signedIn, offline: false } : await loadAccount();
    // A session check that was sent before a sign-in and answers after it carries the
    // replaced cookie's token (and account): the newer answer stands.
    if (asked !== refreshes.latest) return;
    if (loaded.me) setCsrfToken(loaded.me.csrf_token, loaded.me.username);
    outbox.setOwner(loaded.me ? loaded.me.username : null);
    setAccount(loaded);
    if (loaded.me) {
      try {
        setAthletes(await loadAthletes());
      } catch (error) {
        if (!(error instanceof OfflineError)) setFailure(error);
      }
    }
  }, []);

  useEffect(() => {
    // The page asked for starts loading now, alongside the session's check, not after it.
    import(ROUTES[route.name === null ? '' : route.name][0]).catch(() => { /* shown when used */ });
    const onHash = () => setRoute(parseRoute());
    window.addEventListener('hashchange', onHash);
    // The queue is sent once the session's CSRF token is known (refresh sets it).
    refresh().catch(setFailure).finally(() => outbox.startSync());
    const onStorage = (event) => followOtherTab(event, refresh);
    window.addEventListener('storage', onStorage);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('storage', onStorage);
    };
  }, []);

  const name = route.name === null ? '' : route.name;
  const signedIn = account && account.me;
  const target = account === undefined ? null : signedIn ? name : 'login';

  useEffect(() => {
    if (target === null) return;
    let live = true;
    // Today is where signing in leads: load it while the form is being filled in.
    if (target === 'login') import(ROUTES[''][0]).catch(() => { /* loaded again when shown */ });
    import(ROUTES[target][0]).then(
      (module) => live && setPage({ name: target, component: module.default }),
      setFailure,
    );
    document.title = `${ROUTES[target][1]} · revhyper`;
    return () => { live = false; };
  }, [target]);

  const choose = (id) => {
    localStorage.setItem(CHOSEN_ATHLETE, JSON.stringify(id));
    setAthleteId(id);
  };
  const athlete = athletes.find((a) => a.id === athleteId)
    || athletes.find((a) => a.access === 'owner') || athletes[0] || null;

  const signOut = async () => {
    try {
      await api.del('/auth/session');
    } catch (_) { /* already signed out, or offline: forget it here anyway */ }
    localStorage.removeItem(ME);
    localStorage.removeItem(CHOSEN_ATHLETE);
    if ('caches' in window) for (const key of await caches.keys()) if (key.startsWith('revhyper-api')) await caches.delete(key);
    setAthletes([]);
    outbox.setOwner(null);
    setAccount({ me: null, offline: false });
    navigate('login');
  };

  if (failure) return html`<${PageError} error=${failure} />`;
  if (account === undefined || Page === null || Page.name !== target) {
    return html`<main class="page"><p class="muted" role="status">Loading…</p></main>`;
  }
  const context = {
    me: signedIn ? account.me : null,
    athletes, athlete, chooseAthlete: choose, route, navigate, refresh, signOut, online,
  };
  return html`<${AppContext.Provider} value=${context}>
    ${signedIn ? html`<header class="top-bar">
      <a class="brand" href="#/">revhyper</a>
      <${AthletePicker} athletes=${athletes} athlete=${athlete} choose=${choose} />
    </header>` : null}
    <${StatusBar} online=${online} queued=${queued} />
    <${Page.component} ...${context} />
    ${signedIn ? html`<${TabBar} current=${name} />` : null}
  <//>`;
}

/** The pages' own styles (and uPlot's), not needed by the frame or the sign-in form: linked
 * after the first render, all at once (no @import chain), instead of holding it back. */
const PAGE_STYLES = ['/static/vendor/uplot.css', '/static/css/coach.css', '/static/css/form.css',
  '/static/css/history.css', '/static/css/live.css', '/static/css/plan.css', '/static/css/session.css',
  '/static/css/settings.css'];

function linkPageStyles() {
  for (const href of PAGE_STYLES) {
    if (document.querySelector(`link[rel="stylesheet"][href="${href}"]`)) continue;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.append(link);
  }
}

render(html`<${App} />`, document.getElementById('app'));
linkPageStyles();
// The service worker caches every asset when installed: registered once the page has loaded,
// so that its downloads do not compete with the first page's on a slow connection.
if ('serviceWorker' in navigator && window.isSecureContext) {
  const registerWorker = () => navigator.serviceWorker.register('/sw.js')
    .catch(() => { /* the app still works online */ });
  if (document.readyState === 'complete') registerWorker();
  else window.addEventListener('load', registerWorker, { once: true });
}
