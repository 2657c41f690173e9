// One live set on the phone: the camera, BlazePose on each frame (full model, lite when the
// phone is too slow, recording when even lite is), the skeleton drawn over the video, the
// landmarks streamed to the server and the server's events kept for the page to show. The
// counting, the framing check and the faults are the server's (the domain's): nothing here
// judges a rep. The page reads `snapshot()` whenever `onChange` is called.

import {
  FrameRate, MEASURE_MS, SecondPersonCheck, canRunModel, createPose, drawSkeleton, judgeRate, toPoints,
} from './pose.js';
import { LiveStream } from './stream.js';
import { beep, unlockSound } from '../timers.js';

/** How often the counters shown are refreshed while frames flow [frames]. */
const REDRAW_EVERY = 5;

/** Why the model cannot run here, shown with the fallback. */
export const FALLBACK_TEXT = {
  wasm: 'This browser cannot run the pose model (it has no WebAssembly).',
  camera: 'The camera could not be opened',
  model: 'The pose model could not be loaded',
  slow: 'The pose model runs too slowly on this phone to count reps',
};

/** The camera: the rear one where there is a choice, no sound. */
function openCamera() {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return Promise.reject(new Error('this browser gives no access to a camera'));
  }
  return navigator.mediaDevices.getUserMedia({
    video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
    audio: false,
  });
}

/** Says `text` where the browser can speak, else beeps; answers how it was given. */
export function giveCue(text) {
  if ('speechSynthesis' in window && typeof SpeechSynthesisUtterance === 'function') {
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
    return 'spoken';
  }
  beep(660, 0.4);
  return 'beep';
}

export class LiveRun {
  /**
   * `choice`: {variation, prescription|null}; `athleteId`: whose set it is; `pinned`: 'full'
   * or 'lite' to keep that model whatever its frame rate (#/live?model=lite), else null.
   */
  constructor({ video, canvas, athleteId, choice, onChange, pinned = null }) {
    this.pinned = pinned;
    this.video = video;
    this.canvas = canvas;
    this.athleteId = athleteId;
    this.choice = choice;
    this.onChange = onChange;
    this.stage = 'starting';
    this.fallback = null;
    this.camera = null;
    this.pose = null;
    this.model = null;
    // The second-person check, made once the model is chosen (null before, or where it
    // could not be loaded: `personCheck` then says so).
    this.checker = null;
    this.personCheck = 'waiting';
    this.points = null;
    this.rate = new FrameRate();
    this.fps = null;
    this.slowFullFps = null;
    this.judged = false;
    this.stream = null;
    this.connection = 'connecting';
    this.framesSeen = 0;
    this.framesWithPerson = 0;
    this.framing = null;
    this.state = null;
    this.reps = [];
    this.cues = [];
    this.errors = [];
    this.logged = null;
    this.looping = false;
    this.startedAt = 0;
    this.lastT = -1;
  }

  /** Opens the camera, loads the model and the connection; call from a tap. */
  async begin() {
    unlockSound();
    try {
      this.camera = await openCamera();
    } catch (error) {
      return this.giveUp('camera', error.name === 'NotAllowedError'
        ? 'the camera was not allowed' : error.message || error.name);
    }
    this.video.srcObject = this.camera;
    // Without WebAssembly the camera still films the set, for the form check.
    if (!canRunModel()) return this.giveUp('wasm', '');
    try {
      await this.video.play();
      await this.useModel(this.pinned || 'full');
    } catch (error) {
      return this.giveUp('model', error.message || String(error));
    }
    this.openStream();
    this.stage = 'running';
    this.changed();
    this.loop();
    return null;
  }

  /** The model cannot run here: record instead (the camera, if open, is kept for it). */
  giveUp(why, detail) {
    this.stopModel();
    this.fallback = { why, text: FALLBACK_TEXT[why] + (detail ? `: ${detail}.` : '') };
    this.stage = 'fallback';
    if (this.stream) this.stream.close();
    this.changed();
  }

  async useModel(model) {
    if (this.pose) await this.pose.close();
    this.model = model;
    this.rate = new FrameRate();
    this.fps = null;
    this.judged = false;
    this.pose = await createPose(model, (results) => this.onResults(results));
    this.changed();
  }

  openStream() {
    const p = this.choice.prescription;
    this.stream = new LiveStream({
      start: {
        athlete_id: this.athleteId,
        variation: this.choice.variation,
        prescription: p ? { reps: p.reps, tempo: p.tempo, hold_s: p.hold_s } : null,
        width: this.video.videoWidth,
        height: this.video.videoHeight,
      },
      onEvent: (message) => this.onEvent(message),
      onConnection: (state) => { this.connection = state; this.changed(); },
    });
  }

  async loop() {
    this.looping = true;
    this.startedAt = performance.now();
    while (this.looping && this.pose) {
      if (this.video.readyState >= 2) {
        this.frameAt = performance.now();
        const checking = this.checker !== null && this.checker.due(this.frameAt);
        if (checking) this.checker.capture(this.video, this.frameAt);
        this.points = null;
        try {
          await this.pose.send({ image: this.video });
          const secondPerson = checking && this.points ? await this.checkForOthers(this.points) : null;
          if (this.points) this.sendFrame(this.points, secondPerson);
        } catch (error) {
          return this.giveUp('model', error.message || String(error));
        }
        await this.judgeModel();
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return null;
  }

  /** After MEASURE_MS with a model: keep it, move to lite, or give up for recording. */
  async judgeModel() {
    this.rate.tick(performance.now());
    if (this.judged || this.rate.spanMs() < MEASURE_MS) return;
    this.judged = true;
    this.fps = this.rate.fps();
    const verdict = this.pinned ? 'keep' : judgeRate(this.model, this.fps);
    if (verdict === 'lite') {
      this.slowFullFps = this.fps;
      await this.useModel('lite');
    } else if (verdict === 'record') {
      this.giveUp('slow', `${this.fps.toFixed(1)} frames a second, at least 5 are needed`);
    }
    if (verdict === 'keep' && this.stage === 'running') this.startPersonCheck();
    this.changed();
  }

  /** Loads the second-person check beside the chosen model (without stopping the frames). */
  startPersonCheck() {
    if (this.checker || this.personCheck !== 'waiting') return;
    this.personCheck = 'loading';
    SecondPersonCheck.create().then((checker) => {
      if (!this.looping) {
        checker.close();
        return;
      }
      this.checker = checker;
      this.personCheck = 'on';
      this.changed();
    }, () => {
      this.personCheck = 'unavailable';
      this.changed();
    });
  }

  /** The second-person check on this frame; where it fails, it is turned off (and the page
   * says so), not the live set. */
  async checkForOthers(points) {
    try {
      return await this.checker.check(points);
    } catch (_) {
      this.checker.close().catch(() => { /* already closed */ });
      this.checker = null;
      this.personCheck = 'unavailable';
      return null;
    }
  }

  /** One frame to the server: its time since the set began [s] and its landmarks, with the
   * second-person check's answer when this frame was checked. */
  sendFrame(points, secondPerson) {
    if (!this.stream) return;
    const frame = { t: this.frameT, points };
    if (secondPerson !== null) frame.second_person = secondPerson;
    this.stream.addFrame(frame);
  }

  onResults(results) {
    const width = this.video.videoWidth;
    const height = this.video.videoHeight;
    const points = toPoints(results.poseLandmarks, width, height);
    this.framesSeen += 1;
    if (points[0] !== null) this.framesWithPerson += 1;
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
    drawSkeleton(this.canvas, points);
    // Seconds since the set began, at the moment the frame was taken; strictly increasing.
    const t = Math.max(this.lastT + 0.001, (this.frameAt - this.startedAt) / 1000);
    this.lastT = t;
    this.frameT = Math.round(t * 1000) / 1000;
    this.points = points;
    if (this.framesSeen % REDRAW_EVERY === 0) this.changed();
  }

  onEvent(message) {
    if (message.type === 'framing') this.framing = { ok: message.ok, problems: message.problems || [] };
    if (message.type === 'state') this.state = message;
    if (message.type === 'provisional_rep') this.onRep({ ...message, settled: false });
    if (message.type === 'rep') this.onRep({ ...message, settled: true });
    if (message.type === 'rep_withdrawn') this.reps = this.reps.filter((rep) => rep.number !== message.number);
    if (message.type === 'error') this.onError(message);
    if (message.type === 'logged') {
      this.logged = message;
      this.stage = 'logged';
    }
    this.changed();
  }

  /** A refusal: shown; one that answers the end gives the confirmation back to change or leave. */
  onError(error) {
    this.errors = [...this.errors.slice(-2), error];
    if (this.stage === 'logging') {
      this.stream.cancelEnd();
      this.stage = 'confirm';
    }
  }

  /**
   * A counted rep. The first report of a number (usually the provisional one, about 0.1 s after
   * the legs are back down) counts it and gives its cue (at most one per rep); the settled
   * report that follows about a second later replaces its figures without a second cue.
   */
  onRep(rep) {
    const known = this.reps.find((other) => other.number === rep.number);
    if (known) {
      if (rep.settled && !known.settled) this.reps = this.reps.map((other) => (other === known ? rep : other));
      return;
    }
    this.reps = [...this.reps, rep].sort((a, b) => a.number - b.number);
    if (rep.cue) this.cues = [...this.cues, { rep: rep.number, text: rep.cue, how: giveCue(rep.cue) }];
  }

  stopModel() {
    this.looping = false;
    if (this.checker) {
      this.checker.close().catch(() => { /* already closed */ });
      this.checker = null;
    }
    if (this.pose) {
      const pose = this.pose;
      this.pose = null;
      pose.close().catch(() => { /* already closed */ });
    }
  }

  stopCamera() {
    this.stopModel();
    if (this.camera) for (const track of this.camera.getTracks()) track.stop();
    this.camera = null;
  }

  /** The set is over: stop filming and ask for the confirmation. */
  finish() {
    this.stopModel();
    if (this.stream) this.stream.flush();
    this.stage = 'confirm';
    this.changed();
  }

  /** Sends `end` with the confirmation once every frame is acknowledged. */
  end(confirmation) {
    this.stopCamera();
    this.stage = 'logging';
    this.stream.end(confirmation);
    this.changed();
  }

  /** Leaving the page: everything stops. */
  dispose() {
    this.stopCamera();
    if (this.stream) this.stream.close();
  }

  changed() {
    this.onChange();
  }

  /** What the page shows. */
  snapshot() {
    return {
      stage: this.stage,
      fallback: this.fallback,
      model: this.model,
      fps: this.fps === null ? this.rate.fps() : this.fps,
      measured: this.judged,
      pinned: this.pinned,
      slowFullFps: this.slowFullFps,
      connection: this.connection,
      framesSeen: this.framesSeen,
      framesWithPerson: this.framesWithPerson,
      framesSent: this.stream ? this.stream.sentFrames : 0,
      unacked: this.stream ? this.stream.unackedFrames() : 0,
      framing: this.framing,
      state: this.state,
      reps: this.reps,
      cues: this.cues,
      errors: this.errors,
      logged: this.logged,
      lostFrames: this.stream ? this.stream.lostFrames : 0,
      personCheck: this.personCheck,
      camera: this.camera,
    };
  }
}
