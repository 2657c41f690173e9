// Placeholder while this page is built.

import { html } from '../html.js';
import { Page } from '../ui.js';

export default function Placeholder() {
  return html`<${Page} title="progress"><p>This page is not built yet.</p><//>`;
}
