// BlazePose in the page (the npm package @mediapipe/pose, copied into /static/vendor/pose/ by
// tools/vendor_assets.py): its WebAssembly, graph and models are all read from this server
// through the package's locateFile hook, so nothing is downloaded from elsewhere and no frame
// leaves the phone. Also the frame-rate meter that chooses the model, and the landmarks as
// the live protocol wants them (pixels, visibility as the score).

/** Where the pose files are served. */
export const POSE_BASE = '/static/vendor/pose/';
/** BlazePose's landmark count. */
export const POINTS = 33;
/** The full model where the phone sustains this many frames a second, else lite [fps]. */
export const FULL_MODEL_MIN_FPS = 20;
/** Below this rate even the lite model is too slow to count reps: record instead [fps]. */
export const LITE_MODEL_MIN_FPS = 5;
/** How long a model runs before its frame rate is judged [ms] (its first frame excluded). */
export const MEASURE_MS = 3000;
/** modelComplexity of the package: 0 lite, 1 full. */
export const MODELS = { full: 1, lite: 0 };

let script = null;

/** Loads pose.js (a classic script that defines window.Pose) once. */
function loadPoseScript() {
  if (window.Pose) return Promise.resolve(window.Pose);
  if (!script) {
    script = new Promise((resolve, reject) => {
      const tag = document.createElement('script');
      tag.src = POSE_BASE + 'pose.js';
      tag.onload = () => (window.Pose ? resolve(window.Pose) : reject(new Error('pose.js defined no Pose')));
      tag.onerror = () => reject(new Error('The pose model\'s script could not be loaded.'));
      document.head.appendChild(tag);
    });
    script.catch(() => { script = null; });
  }
  return script;
}

/** True where the page can run the model at all (WebAssembly is there). */
export function canRunModel() {
  return typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
}

/**
 * True where WebGL runs on the CPU (SwiftShader, llvmpipe: no GPU, as in headless Chromium):
 * there the model's own WebAssembly inference is many times faster than its WebGL one.
 */
export function softwareGl() {
  try {
    const gl = document.createElement('canvas').getContext('webgl2') || document.createElement('canvas').getContext('webgl');
    if (!gl) return true;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    return /swiftshader|llvmpipe|software/i.test(renderer);
  } catch (_) {
    return true;
  }
}

/**
 * A ready BlazePose of `model` ('full' or 'lite') calling `onResults` with each frame's
 * result; rejects when the model cannot be loaded.
 */
export async function createPose(model, onResults) {
  const Pose = await loadPoseScript();
  const pose = new Pose({ locateFile: (file) => POSE_BASE + file });
  pose.setOptions({
    modelComplexity: MODELS[model],
    // The package's own option (iOS's default): inference in WebAssembly, not WebGL.
    useCpuInference: softwareGl(),
    smoothLandmarks: true,
    enableSegmentation: false,
    minDetectionConfidence: 0.5,
    minTrackingConfidence: 0.5,
  });
  pose.onResults(onResults);
  await pose.initialize();
  return pose;
}

/** How often the page looks for a second person in view [ms]. */
export const SECOND_PERSON_EVERY_MS = 1000;
/** The margin masked around the tracked person [fraction of its size], and the confidence a
 * body must reach on the masked frame to count as a second person: the video analysis's
 * values (MASK_MARGIN_FRACTION, SECOND_PERSON_MIN_CONFIDENCE in mediapipe_backend.py). */
const MASK_MARGIN = 0.15;
const SECOND_PERSON_CONFIDENCE = 0.8;
/** A landmark counts towards the tracked person's box from this score. */
const BOX_MIN_SCORE = 0.3;

/**
 * Whether someone besides the tracked person is in view, as the video analysis checks it: the
 * frame with the tracked person's box (plus a margin) painted grey, looked at again by a
 * second BlazePose (full, as the video check) at a high confidence. `capture(video)` keeps the frame
 * the main model is about to see; `check(points)` answers for it (true / false), or null when
 * no person was tracked in it.
 */
export class SecondPersonCheck {
  static async create() {
    const check = new SecondPersonCheck();
    const Pose = await loadPoseScript();
    check.pose = new Pose({ locateFile: (file) => POSE_BASE + file });
    check.pose.setOptions({
      modelComplexity: MODELS.full,
      useCpuInference: softwareGl(),
      smoothLandmarks: false,
      enableSegmentation: false,
      minDetectionConfidence: SECOND_PERSON_CONFIDENCE,
      minTrackingConfidence: SECOND_PERSON_CONFIDENCE,
    });
    check.pose.onResults((results) => { check.found = Boolean(results.poseLandmarks); });
    await check.pose.initialize();
    return check;
  }

  constructor() {
    this.canvas = document.createElement('canvas');
    this.found = false;
    this.lastAt = -Infinity;
  }

  /** True when a check is due at `now` [ms]. */
  due(now) {
    return now - this.lastAt >= SECOND_PERSON_EVERY_MS;
  }

  capture(video, now) {
    this.lastAt = now;
    this.canvas.width = video.videoWidth;
    this.canvas.height = video.videoHeight;
    this.canvas.getContext('2d').drawImage(video, 0, 0);
  }

  async check(points) {
    const seen = points.filter((p) => p && p[2] >= BOX_MIN_SCORE);
    if (!seen.length) return null;
    const xs = seen.map((p) => p[0]);
    const ys = seen.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const mx = MASK_MARGIN * (x1 - x0);
    const my = MASK_MARGIN * (y1 - y0);
    const context = this.canvas.getContext('2d');
    context.fillStyle = 'rgb(127, 127, 127)';
    context.fillRect(x0 - mx, y0 - my, x1 - x0 + 2 * mx, y1 - y0 + 2 * my);
    this.found = false;
    await this.pose.send({ image: this.canvas });
    return this.found;
  }

  close() {
    return this.pose ? this.pose.close() : Promise.resolve();
  }
}

/**
 * The 33 landmarks of one result as the live protocol sends them: [x, y, score] in pixels of
 * a `width` x `height` frame, or 33 nulls when no person was found.
 */
export function toPoints(landmarks, width, height) {
  if (!landmarks || landmarks.length !== POINTS) return new Array(POINTS).fill(null);
  return landmarks.map((p) => [
    round(p.x * width, 1),
    round(p.y * height, 1),
    round(p.visibility === undefined ? 0 : p.visibility, 3),
  ]);
}

function round(value, digits) {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Frames processed per second, over the frames after the first (the model's warm-up). */
export class FrameRate {
  constructor() {
    this.times = [];
  }

  /** Records a processed frame at `now` [ms]. */
  tick(now) {
    this.times.push(now);
  }

  /** The time measured so far [ms], first frame excluded. */
  spanMs() {
    return this.times.length < 3 ? 0 : this.times[this.times.length - 1] - this.times[1];
  }

  /** Frames per second over the measured span, or null before there is one. */
  fps() {
    const span = this.spanMs();
    return span > 0 ? ((this.times.length - 2) * 1000) / span : null;
  }
}

/** The next step once a model's rate is measured: 'keep', 'lite' or 'record'. */
export function judgeRate(model, fps) {
  if (model === 'full') return fps >= FULL_MODEL_MIN_FPS ? 'keep' : 'lite';
  return fps >= LITE_MODEL_MIN_FPS ? 'keep' : 'record';
}

/** Pairs of landmarks joined in the drawn skeleton (BlazePose's numbering). */
const BONES = [
  [11, 12], [11, 13], [13, 15], [12, 14], [14, 16], [11, 23], [12, 24], [23, 24],
  [23, 25], [25, 27], [27, 31], [24, 26], [26, 28], [28, 32], [0, 11], [0, 12],
];
/** Landmarks drawn below this score are left out. */
const DRAW_MIN_SCORE = 0.3;

/** Draws the skeleton of `points` (pixels of the canvas's frame) on `canvas`. */
export function drawSkeleton(canvas, points) {
  const context = canvas.getContext('2d');
  context.clearRect(0, 0, canvas.width, canvas.height);
  const seen = (p) => p && p[2] >= DRAW_MIN_SCORE;
  const scale = Math.max(2, canvas.width / 200);
  context.lineWidth = scale;
  context.strokeStyle = '#4ade80';
  for (const [a, b] of BONES) {
    if (!seen(points[a]) || !seen(points[b])) continue;
    context.beginPath();
    context.moveTo(points[a][0], points[a][1]);
    context.lineTo(points[b][0], points[b][1]);
    context.stroke();
  }
  context.fillStyle = '#facc15';
  for (const p of points) {
    if (!seen(p)) continue;
    context.beginPath();
    context.arc(p[0], p[1], scale * 1.5, 0, 2 * Math.PI);
    context.fill();
  }
}
