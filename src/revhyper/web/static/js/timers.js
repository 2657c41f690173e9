// Timers of the guided session: the rest and hold countdowns, the tempo cadence, and the beep
// and vibration that mark their ends. Time is always computed from stored timestamps
// (Date.now() against an `endsAt` or `startedAt`), never by counting ticks, so a locked screen
// or a background tab (where intervals are slowed or stopped) shows the right time on return;
// a countdown's `endsAt` is kept in localStorage so a reload resumes it.

import { useState, useEffect, useRef } from './html.js';

/** How often a running timer redraws [ms] (the time shown is computed, not counted). */
const REDRAW_MS = 200;

let audio = null;

/** Prepares sound; call from a tap (browsers allow audio only after a user gesture). */
export function unlockSound() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return;
  try {
    if (!audio) audio = new Context();
    if (audio.state === 'suspended') audio.resume();
  } catch (_) { /* no sound on this device: the screen still shows the time */ }
}

/** A short beep made by WebAudio (no sound file): `frequency` [Hz], `duration` [s]. */
export function beep(frequency = 880, duration = 0.25) {
  if (!audio) return;
  try {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.value = 0.2;
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + duration);
  } catch (_) { /* sound failed: the screen still shows it */ }
}

/** Vibrates with `pattern` [ms] where the device can. */
export function vibrate(pattern = [300, 100, 300]) {
  if (typeof navigator.vibrate === 'function') {
    try { navigator.vibrate(pattern); } catch (_) { /* not allowed here */ }
  }
}

/** The end signal of a countdown: two beeps and a vibration. */
export function signalEnd() {
  beep(880, 0.3);
  setTimeout(() => beep(1320, 0.3), 350);
  vibrate();
}

function readStored(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || 'null');
  } catch (_) {
    return null;
  }
}

/** Redraws every REDRAW_MS while `running` (and at once when the page becomes visible). */
function useRedraw(running) {
  const [, setNow] = useState(0);
  useEffect(() => {
    if (!running) return undefined;
    const redraw = () => setNow(Date.now());
    const timer = setInterval(redraw, REDRAW_MS);
    document.addEventListener('visibilitychange', redraw);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', redraw);
    };
  }, [running]);
}

/**
 * A countdown kept under `storageKey` in localStorage: {remainingS (whole seconds, rounded
 * up), totalS, running, ended, start(seconds), clear()}. `onEnd` runs once when it reaches
 * zero while the page is open (a reload after the end shows it ended, without a signal).
 */
export function useCountdown(storageKey, onEnd = signalEnd) {
  const [stored, setStored] = useState(() => readStored(storageKey));
  const signalled = useRef(false);
  const remainingMs = stored ? Math.max(0, stored.endsAt - Date.now()) : 0;
  const running = Boolean(stored) && remainingMs > 0;
  useRedraw(running);

  useEffect(() => {
    setStored(readStored(storageKey));
    signalled.current = false;
  }, [storageKey]);

  useEffect(() => {
    if (!stored || running || signalled.current || stored.signalled) return;
    signalled.current = true;
    const done = { ...stored, signalled: true };
    localStorage.setItem(storageKey, JSON.stringify(done));
    setStored(done);
    onEnd();
  });

  const start = (seconds) => {
    unlockSound();
    const value = { endsAt: Date.now() + seconds * 1000, totalS: seconds, signalled: false };
    localStorage.setItem(storageKey, JSON.stringify(value));
    signalled.current = false;
    setStored(value);
  };
  const clear = () => {
    localStorage.removeItem(storageKey);
    setStored(null);
  };
  return {
    remainingS: Math.ceil(remainingMs / 1000),
    totalS: stored ? stored.totalS : 0,
    running,
    ended: Boolean(stored) && !running,
    start,
    clear,
  };
}

/** The phases of a C-H-E-P tempo text such as "3-1-3-0": [{name, seconds}] without zeros. */
export function tempoPhases(text) {
  const names = ['Lift', 'Hold at the top', 'Lower', 'Pause at the bottom'];
  const parts = String(text || '').split('-').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n) || n < 0)) return [];
  return parts.map((seconds, i) => ({ name: names[i], seconds })).filter((p) => p.seconds > 0);
}

/**
 * Counts a tempo cadence from a start time: {running, rep, phase, second, start(), stop()}.
 * `rep` is the rep under way (1-based), `phase` its phase {name, seconds}, `second` the count
 * within the phase (1-based). A high beep marks each lift, a low one every other phase.
 */
export function useTempo(text) {
  const phases = tempoPhases(text);
  const [startedAt, setStartedAt] = useState(null);
  const lastMark = useRef('');
  const running = startedAt !== null && phases.length > 0;
  useRedraw(running);

  let rep = 0;
  let phase = null;
  let second = 0;
  if (running) {
    const cycleMs = phases.reduce((sum, p) => sum + p.seconds, 0) * 1000;
    const elapsed = Math.max(0, Date.now() - startedAt);
    rep = Math.floor(elapsed / cycleMs) + 1;
    let into = elapsed % cycleMs;
    for (const candidate of phases) {
      if (into < candidate.seconds * 1000) {
        phase = candidate;
        second = Math.floor(into / 1000) + 1;
        break;
      }
      into -= candidate.seconds * 1000;
    }
  }

  useEffect(() => {
    if (!running || !phase) return;
    const mark = `${rep}/${phase.name}/${second}`;
    if (mark === lastMark.current) return;
    lastMark.current = mark;
    beep(second === 1 && phase.name === 'Lift' ? 1100 : 660, 0.08);
  });

  return {
    running,
    rep,
    phase,
    second,
    phases,
    start: () => { unlockSound(); setStartedAt(Date.now()); },
    stop: () => setStartedAt(null),
  };
}
