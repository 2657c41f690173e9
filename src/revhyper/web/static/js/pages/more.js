// The other pages, the documentation site (when the server has one), and signing out.

import { html, useState, useEffect } from '../html.js';
import { Page } from '../ui.js';

// The documentation site `make docs` builds; the server answers 404 when there is none.
const DOCS_SITE = '/docs-site/';

// Whether the server has a documentation site: one HEAD request, no body.
function useDocsSite() {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    let current = true;
    fetch(DOCS_SITE, { method: 'HEAD', credentials: 'same-origin' })
      .then((answer) => { if (current) setAvailable(answer.ok); })
      .catch(() => {});  // offline: the link stays hidden
    return () => { current = false; };
  }, []);
  return available;
}

export default function More({ me, signOut }) {
  const docsSite = useDocsSite();
  const links = [
    ['plan', 'Plan', 'Screening, the plan form and this week'],
    ['live', 'Live form check', 'The camera counts your reps and says what to fix, as you go'],
    ['mechanics', 'Mechanics', 'What a load on the swing arm means at the hip'],
    ['athletes', 'Athletes', 'Coach and physio view of the athletes who gave you access'],
    ['sharing', 'Sharing', 'Give a coach access, take it back, read the audit log'],
    ['settings', 'Settings', 'Units, plates, import and export'],
  ];
  return html`<${Page} title="More">
    <p>Signed in as <strong>${me.username}</strong> (${me.role}).</p>
    <ul class="link-list">
      ${links.map(([route, title, text]) => html`<li><a href=${'#/' + route}>${title}</a>
        <span class="muted">${text}</span></li>`)}
      ${docsSite && html`<li><a href=${DOCS_SITE}>Documentation</a>
        <span class="muted">The guide, the science and the REST API reference</span></li>`}
    </ul>
    <button type="button" onClick=${signOut}>Sign out</button>
  <//>`;
}
