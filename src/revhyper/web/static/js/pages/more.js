// The other pages, and signing out.

import { html } from '../html.js';
import { Page } from '../ui.js';

export default function More({ me, signOut }) {
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
    </ul>
    <button type="button" onClick=${signOut}>Sign out</button>
  <//>`;
}
