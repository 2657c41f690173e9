// Settings page: the athlete's unit (kg or lb), plate inventory and plate calculator, and
// backups (download the JSON backup or the sets CSV; import a backup or a Strong/Hevy file).
// The server keeps loads in kilograms and does every plate sum; this page only sends what the
// user typed and shows the answers.

import { html, useState } from '../html.js';
import { api, request } from '../api.js';
import {
  ErrorMessage, Field, Page, NeedsAthlete, useApi, toKg, fromKg, formatLoad,
} from '../ui.js';

const PLATES_HINT = 'Size x copies, separated by commas, e.g. 20x4,10x2,5x2,2.5x2. '
  + 'A size alone: as many as needed. Empty: a full gym set.';

/** A stored inventory ({unit, plates: [[size, copies|null]]}) as SIZExCOPIES text. */
function platesOnly(inventory) {
  return inventory.plates
    .map(([size, copies]) => (copies === null ? `${size}` : `${size}x${copies}`))
    .join(',');
}

/** The text the field edits: the plates, their unit named when not the athlete's. */
function inventoryText(inventory, unit) {
  if (!inventory) return '';
  return inventory.unit === unit ? platesOnly(inventory) : `${platesOnly(inventory)} ${inventory.unit}`;
}

function UnitChoice({ athlete, refresh }) {
  const [error, setError] = useState(null);
  const [saving, setSaving] = useState(false);
  const unit = athlete.profile.unit || 'kg';
  const choose = async (wanted) => {
    if (wanted === unit) return;
    setSaving(true);
    setError(null);
    try {
      await api.patch(`/athletes/${athlete.id}`, { unit: wanted });
      await refresh();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };
  const option = (value, label) => html`<label class="choice">
    <input type="radio" name="unit" value=${value} checked=${unit === value}
      disabled=${saving} onChange=${() => choose(value)} />
    ${label}
  </label>`;
  return html`<section class="card stack" aria-labelledby="units-heading">
    <h2 id="units-heading">Units</h2>
    <fieldset class="unit-choice">
      <legend>Show and enter loads in</legend>
      ${option('kg', 'Kilograms (kg)')}
      ${option('lb', 'Pounds (lb)')}
    </fieldset>
    <p class="muted">Loads are kept in kilograms; this only changes how you see and type them.</p>
    <${ErrorMessage} error=${error} />
  </section>`;
}

function PlateInventory({ athlete, refresh }) {
  const unit = athlete.profile.unit || 'kg';
  const inventory = athlete.profile.plates;
  const stored = inventoryText(inventory, unit);
  const [text, setText] = useState(stored);
  const [message, setMessage] = useState(null);
  const [error, setError] = useState(null);
  const save = async (plates) => {
    setError(null);
    setMessage(null);
    try {
      const updated = await api.patch(`/athletes/${athlete.id}`, { plates });
      setText(inventoryText(updated.profile.plates, unit));
      setMessage(updated.profile.plates ? 'Plates saved.' : 'Using a full gym set.');
      await refresh();
    } catch (failure) {
      setError(failure);
    }
  };
  const submit = (event) => {
    event.preventDefault();
    save(text.trim() === '' ? 'gym' : text.trim());
  };
  return html`<section class="card stack" aria-labelledby="plates-heading">
    <h2 id="plates-heading">Your plates</h2>
    <p class="muted">Used by your plan's loads, and by the plate answer when no machine is chosen.</p>
    <p>${inventory ? html`Saved: <strong>${`${platesOnly(inventory)} ${inventory.unit}`}</strong>`
      : 'Saved: a full gym set (as many of each plate as needed).'}</p>
    <form class="stack" onSubmit=${submit}>
      <${Field} id="plate-inventory" label=${`Plates you have (${unit})`}
        hint=${PLATES_HINT}>
        <input id="plate-inventory" type="text" autocomplete="off" value=${text}
          aria-describedby="plate-inventory-hint" onInput=${(e) => setText(e.target.value)} />
      <//>
      <div class="row">
        <button type="submit" class="primary">Save plates</button>
        <button type="button" onClick=${() => save('gym')}>Use a full gym set</button>
      </div>
    </form>
    ${message ? html`<p class="ok" role="status">${message}</p>` : null}
    <${ErrorMessage} error=${error} />
  </section>`;
}

/** A machine's plates as the text its field edits (its unit named when not the athlete's). */
function machinePlatesText(machine, unit) {
  return machine.unit === unit ? machine.plates_text : `${machine.plates_text} ${machine.unit}`;
}

/** The name, plates and arm fields of a machine, new (`machine` null) or stored. */
function MachineForm({ athlete, machine, onSaved, onCancel }) {
  const unit = athlete.profile.unit || 'kg';
  const prefix = machine ? `machine-${machine.id}` : 'new-machine';
  const [name, setName] = useState(machine ? machine.name : '');
  const [plates, setPlates] = useState(machine ? machinePlatesText(machine, unit) : '');
  const [arm, setArm] = useState(machine ? String(fromKg(machine.arm_kg, unit)) : '0');
  const [error, setError] = useState(null);
  const submit = async (event) => {
    event.preventDefault();
    setError(null);
    const body = { name, plates, arm_kg: toKg(Number(arm || 0), unit) };
    try {
      if (machine) await api.patch(`/athletes/${athlete.id}/machines/${machine.id}`, body);
      else await api.post(`/athletes/${athlete.id}/machines`, body);
      onSaved(machine ? `${name} saved.` : `${name} added.`);
      if (!machine) { setName(''); setPlates(''); setArm('0'); }
    } catch (failure) {
      setError(failure);
    }
  };
  return html`<form class="stack" onSubmit=${submit}>
    <${Field} id=${`${prefix}-name`} label="Machine name">
      <input id=${`${prefix}-name`} type="text" required maxlength="60" value=${name}
        onInput=${(e) => setName(e.target.value)} />
    <//>
    <${Field} id=${`${prefix}-plates`} label=${`Plates by this machine (${unit})`}
      hint="Size x copies, e.g. 20x4,10x2,5x2">
      <input id=${`${prefix}-plates`} type="text" required autocomplete="off" value=${plates}
        aria-describedby=${`${prefix}-plates-hint`} onInput=${(e) => setPlates(e.target.value)} />
    <//>
    <${Field} id=${`${prefix}-arm`} label=${`Its empty arm counts for (${unit})`}>
      <input id=${`${prefix}-arm`} type="number" inputmode="decimal" min="0" step="any"
        value=${arm} onInput=${(e) => setArm(e.target.value)} />
    <//>
    <div class="row">
      <button type="submit" class="primary">${machine ? 'Save machine' : 'Add machine'}</button>
      ${onCancel ? html`<button type="button" onClick=${onCancel}>Cancel</button>` : null}
    </div>
    <${ErrorMessage} error=${error} />
  </form>`;
}

function MachineItem({ athlete, machine, owner, reload, say }) {
  const unit = athlete.profile.unit || 'kg';
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState(null);
  const remove = async () => {
    if (!confirm(`Remove ${machine.name}?`)) return;
    try {
      await api.del(`/athletes/${athlete.id}/machines/${machine.id}`);
      say(`${machine.name} removed.`);
      reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const saved = (text) => { setEditing(false); say(text); reload(); };
  return html`<li class="machine">
    <h3>${machine.name}</h3>
    ${editing ? html`<${MachineForm} athlete=${athlete} machine=${machine} onSaved=${saved}
        onCancel=${() => setEditing(false)} />`
      : html`<p>${`Plates: ${machine.plates_text} ${machine.unit}; arm ${formatLoad(machine.arm_kg, unit)}`}</p>
        ${owner ? html`<div class="row">
          <button type="button" onClick=${() => setEditing(true)}
            aria-label=${`Edit ${machine.name}`}>Edit</button>
          <button type="button" class="danger" onClick=${remove}
            aria-label=${`Remove ${machine.name}`}>Remove</button>
        </div>` : null}`}
    <${ErrorMessage} error=${error} />
  </li>`;
}

function Machines({ athlete, machines, owner }) {
  const [message, setMessage] = useState(null);
  const items = machines.data ? machines.data.items : [];
  return html`<section class="card stack" aria-labelledby="machines-heading">
    <h2 id="machines-heading">Machines</h2>
    <p class="muted">A gym with several machines: keep the plates by each one.</p>
    <${ErrorMessage} error=${machines.error} />
    ${items.length ? html`<ul class="machine-list">
      ${items.map((m) => html`<${MachineItem} key=${m.id} athlete=${athlete} machine=${m}
        owner=${owner} reload=${machines.reload} say=${setMessage} />`)}
    </ul>` : machines.data ? html`<p>No machines yet.</p>` : null}
    ${message ? html`<p class="ok" role="status">${message}</p>` : null}
    ${owner ? html`<details>
      <summary>Add a machine</summary>
      <${MachineForm} athlete=${athlete} machine=${null}
        onSaved=${(text) => { setMessage(text); machines.reload(); }} />
    </details>` : null}
  </section>`;
}

function PlateCalculator({ athlete, machines }) {
  const unit = athlete.profile.unit || 'kg';
  const [target, setTarget] = useState('');
  const [arm, setArm] = useState('0');
  const [machineId, setMachineId] = useState('');
  const [answer, setAnswer] = useState(null);
  const choices = machines.data ? machines.data.items : [];
  const [error, setError] = useState(null);
  const submit = async (event) => {
    event.preventDefault();
    setError(null);
    try {
      const query = machineId ? { target, machine_id: machineId }
        : { target, arm_kg: toKg(Number(arm || 0), unit) };
      setAnswer(await api.get(`/athletes/${athlete.id}/plates`, query));
    } catch (failure) {
      setAnswer(null);
      setError(failure);
    }
  };
  return html`<section class="card stack" aria-labelledby="calc-heading">
    <h2 id="calc-heading">What to load</h2>
    <form class="stack" onSubmit=${submit}>
      <${Field} id="plate-target" label=${`Target load, arm included (${unit})`}>
        <input id="plate-target" type="number" inputmode="decimal" min="0" step="any" required
          value=${target} onInput=${(e) => setTarget(e.target.value)} />
      <//>
      ${choices.length ? html`<${Field} id="plate-machine" label="Machine">
        <select id="plate-machine" value=${machineId} onChange=${(e) => setMachineId(e.target.value)}>
          <option value="">Your plates</option>
          ${choices.map((m) => html`<option value=${m.id}>${m.name}</option>`)}
        </select>
      <//>` : null}
      ${machineId ? null : html`<${Field} id="plate-arm" label=${`Empty arm counts for (${unit})`}>
        <input id="plate-arm" type="number" inputmode="decimal" min="0" step="any"
          value=${arm} onInput=${(e) => setArm(e.target.value)} />
      <//>`}
      <button type="submit" class="primary wide">Show plates</button>
    </form>
    <${ErrorMessage} error=${error} />
    ${answer ? html`<div class="plate-answer" role="status">
      <p>Load <strong>${answer.plates.length ? answer.plates.join(' + ') + ' ' + answer.unit : 'no plates'}</strong>
        ${` on the pin: ${answer.achieved} ${answer.unit} with the arm.`}</p>
      ${answer.exact ? null
        : html`<p class="notice">${`${answer.shortfall} ${answer.unit} short of `
          + `${answer.target} ${answer.unit}: these plates cannot make it exactly.`}</p>`}
    </div>` : null}
  </section>`;
}

function ExportLinks({ athlete }) {
  const base = `/api/v1/athletes/${athlete.id}`;
  const day = new Date().toISOString().slice(0, 10);
  return html`<section class="card stack" aria-labelledby="export-heading">
    <h2 id="export-heading">Back up</h2>
    <p>Everything about ${athlete.name}: profile, programs, sessions and sets.</p>
    <a class="button wide" href=${`${base}/export`} download=${`revhyper-${athlete.id}-${day}.json`}>
      Download the JSON backup</a>
    <a class="button wide" href=${`${base}/export.csv`} download=${`revhyper-${athlete.id}-sets-${day}.csv`}>
      Download the sets as CSV</a>
  </section>`;
}

/** One left-out row of a workout file, as a sentence. */
function rowProblem(row) {
  const exercise = row.exercise ? ` (${row.exercise})` : '';
  return `Line ${row.line}${exercise}: ${row.message}`;
}

function ImportSummary({ result }) {
  if (result.backup) {
    const b = result.backup;
    return html`<div class="ok" role="status">
      <p>${`Restored ${result.file}: ${b.athletes_added} athletes added, ${b.athletes_merged} `
        + `merged, ${b.sessions} sessions, ${b.sets} sets, ${b.programs} programs, `
        + `${b.body_mass} body mass entries, ${b.machines} machines; `
        + `${b.skipped_existing} already there.`}</p>
    </div>`;
  }
  const w = result.workouts;
  const unknown = Object.entries(w.unknown_exercises);
  return html`<div class="ok" role="status">
    <p>${`Imported ${result.file} (${result.format}): ${w.sessions_added} sessions and `
      + `${w.sets_added} sets added (${w.warmup_sets_added} warm-up sets); `
      + `${w.workouts_already_imported} workouts were already imported, `
      + `${w.workouts_without_reverse_hypers} had no reverse hypers.`}</p>
    ${unknown.length ? html`<p>${`Not imported: ${unknown.map(([name, n]) => `${name} (${n} sets)`).join(', ')}.`}</p>`
      : null}
    ${w.skipped_rows.length ? html`<p>Rows left out:</p><ul>
      ${w.skipped_rows.map((row) => html`<li>${rowProblem(row)}</li>`)}
    </ul>` : null}
  </div>`;
}

function ImportForm({ athlete, refresh }) {
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    for (const name of ['format', 'weight_unit']) if (!form.get(name)) form.delete(name);
    if (!form.get('skip_bad_rows')) form.delete('skip_bad_rows');
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await request('POST', '/imports', { query: { athlete_id: athlete.id }, form }));
      await refresh();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return html`<section class="card stack" aria-labelledby="import-heading">
    <h2 id="import-heading">Import</h2>
    <p>A revhyper backup, or a Strong or Hevy export (its reverse-hyper sets go to ${athlete.name}).</p>
    <form class="stack" onSubmit=${submit}>
      <${Field} id="import-file" label="File to import">
        <input id="import-file" name="file" type="file" required accept=".json,.csv,text/csv,application/json" />
      <//>
      <${Field} id="import-format" label="What it is">
        <select id="import-format" name="format">
          <option value="">Tell from the file</option>
          <option value="backup">revhyper backup</option>
          <option value="strong">Strong export</option>
          <option value="hevy">Hevy export</option>
        </select>
      <//>
      <${Field} id="import-weight-unit" label="Strong weights are in">
        <select id="import-weight-unit" name="weight_unit">
          <option value="">The file's unit, else ${athlete.name}'s</option>
          <option value="kg">kg</option>
          <option value="lbs">lb</option>
        </select>
      <//>
      <label class="choice"><input type="checkbox" name="skip_bad_rows" value="true" />
        Import the good rows and list the bad ones</label>
      <button type="submit" class="primary wide" disabled=${busy}>${busy ? 'Importing…' : 'Import'}</button>
    </form>
    <${ErrorMessage} error=${error} />
    ${result ? html`<${ImportSummary} result=${result} />` : null}
  </section>`;
}

export default function Settings({ athlete, refresh }) {
  const machines = useApi(athlete ? `/athletes/${athlete.id}/machines` : null);
  if (!athlete) return html`<${Page} title="Settings"><${NeedsAthlete} /><//>`;
  const owner = athlete.access === 'owner';
  return html`<${Page} title="Settings">
    ${owner ? html`<${UnitChoice} athlete=${athlete} refresh=${refresh} />
      <${PlateInventory} key=${`${athlete.id}-${athlete.profile.unit}`} athlete=${athlete} refresh=${refresh} />`
      : html`<p class="notice">${athlete.name}'s owner sets the units and plates.</p>`}
    <${Machines} key=${athlete.id} athlete=${athlete} machines=${machines} owner=${owner} />
    <${PlateCalculator} key=${`calc-${athlete.id}`} athlete=${athlete} machines=${machines} />
    <${ExportLinks} athlete=${athlete} />
    ${athlete.access === 'read' ? null : html`<${ImportForm} athlete=${athlete} refresh=${refresh} />`}
  <//>`;
}
