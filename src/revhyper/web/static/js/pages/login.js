// Sign in: a form posted to /auth/session (the browser keeps the HttpOnly cookie; the page
// keeps the CSRF token for its writes).

import { html, useState } from '../html.js';
import { request, setCsrfToken } from '../api.js';
import { ErrorMessage, Field } from '../ui.js';

export default function Login({ refresh, navigate }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const form = new URLSearchParams(new FormData(event.target));
      const me = await request('POST', '/auth/session', { form });
      setCsrfToken(me.csrf_token, me.username);
      await refresh(me);
      navigate('');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return html`<main class="page narrow" id="main">
    <h1>Sign in to revhyper</h1>
    <form onSubmit=${submit} class="stack">
      <${Field} label="Account name" id="username">
        <input id="username" name="username" autocomplete="username" required
          autocapitalize="none" spellcheck="false" />
      <//>
      <${Field} label="Password" id="password">
        <input id="password" name="password" type="password" autocomplete="current-password" required />
      <//>
      <${ErrorMessage} error=${error} />
      <button type="submit" class="primary" disabled=${busy}>${busy ? 'Signing in…' : 'Sign in'}</button>
    </form>
    <p class="muted">Accounts are made by the server's administrator
      (<code>revhyper user add</code>); <code>make run</code> prints the demo login.</p>
  </main>`;
}
