// The live set's connection (/api/v1/live, protocol in docs/guide/live-protocol.md): frames
// are gathered into numbered batches every BATCH_MS; a batch stays on the phone until the
// server acknowledges its `seq`. When the connection drops the frames keep being batched, and
// on reconnecting with the same `live_key` every unacknowledged batch is sent again, in order
// (the server ignores a `seq` it has seen), so the logged set holds every frame once. The
// `end` is sent once every batch is acknowledged, and again after a reconnect until `logged`.

/** How often gathered frames are sent as one batch [ms]. */
export const BATCH_MS = 150;
/** Most frames in one batch (a batch gathered while the camera ran faster is split). */
export const MAX_BATCH_FRAMES = 30;
/** Waits before reconnecting after a drop, then the last one repeated [ms]. */
const RECONNECT_MS = [500, 1000, 2000, 4000];
/** Close codes from this one up are the server's refusals (4401 not signed in, ...). */
const REFUSED_CODES = 4000;

/** A random UUID (version 4); crypto.randomUUID is missing on plain http. */
export function newLiveKey() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The live route's address on this server (ws: or wss: as the page). */
export function liveUrl() {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/v1/live`;
}

export class LiveStream {
  /**
   * `start`: the start message's fields but type and live_key (athlete_id, variation,
   * prescription, width, height). `onEvent(message)` gets every server message;
   * `onConnection(state)` gets 'connecting', 'open', 'reconnecting' or 'refused'.
   */
  constructor({ start, onEvent, onConnection, url = liveUrl() }) {
    this.start = start;
    this.onEvent = onEvent;
    this.onConnection = onConnection || (() => {});
    this.url = url;
    this.liveKey = newLiveKey();
    this.pending = [];
    this.unacked = new Map();
    this.nextSeq = 1;
    this.sentBatches = 0;
    this.sentFrames = 0;
    this.ready = false;
    this.ending = null;
    this.logged = false;
    this.closed = false;
    this.drops = 0;
    // Frames the server acknowledged under this live_key, and those it no longer holds (a
    // reconnect that reached a server which had forgotten the set: `resumed` false).
    this.ackedFrames = 0;
    this.lostFrames = 0;
    this.socket = null;
    this.timer = setInterval(() => this.flush(), BATCH_MS);
    this.connect();
  }

  /** Adds one frame {t [s], points} to the next batch. */
  addFrame(frame) {
    if (!this.ending) this.pending.push(frame);
  }

  /** Frames not yet acknowledged by the server (kept on the phone). */
  unackedFrames() {
    let count = this.pending.length;
    for (const batch of this.unacked.values()) count += batch.frames.length;
    return count;
  }

  /** Makes batches of the gathered frames and sends them if connected. */
  flush() {
    while (this.pending.length) {
      const batch = { type: 'frames', seq: this.nextSeq++, frames: this.pending.splice(0, MAX_BATCH_FRAMES) };
      this.unacked.set(batch.seq, batch);
      if (this.ready) this.sendBatch(batch);
    }
    this.maybeEnd();
  }

  sendBatch(batch) {
    this.send(batch);
    this.sentBatches += 1;
    this.sentFrames += batch.frames.length;
  }

  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  connect() {
    if (this.closed) return;
    this.onConnection(this.drops ? 'reconnecting' : 'connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => this.send({ type: 'start', live_key: this.liveKey, ...this.start });
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => this.dropped(socket, event.code);
  }

  receive(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch (_) {
      return;
    }
    if (message.type === 'started') this.started(message);
    if (message.type === 'ack') this.acknowledged(message.seq);
    if (message.type === 'error' && !this.ready) this.refused();
    if (message.type === 'logged') this.finished();
    this.onEvent(message);
    this.maybeEnd();
  }

  acknowledged(seq) {
    const batch = this.unacked.get(seq);
    if (batch) this.ackedFrames += batch.frames.length;
    this.unacked.delete(seq);
  }

  /** The start itself was refused (no such athlete, no access, a bad field): the same start
   * would be refused again, so the connection is not retried. */
  refused() {
    this.close();
    this.onConnection('refused');
  }

  /** The server took the start: everything not acknowledged goes again, in order. A server
   * that answers a reconnect with `resumed` false no longer holds the frames it acknowledged. */
  started(message) {
    if (this.drops && !message.resumed && this.ackedFrames) {
      this.lostFrames += this.ackedFrames;
      this.ackedFrames = 0;
    }
    this.ready = true;
    this.onConnection('open');
    for (const seq of [...this.unacked.keys()].sort((a, b) => a - b)) this.sendBatch(this.unacked.get(seq));
    if (this.ending) this.ending.sent = false;
  }

  finished() {
    this.logged = true;
    this.close();
  }

  dropped(socket, code) {
    if (socket !== this.socket) return;
    this.ready = false;
    if (this.closed) return;
    if (code >= REFUSED_CODES) {
      // Refused by the server (not signed in, no access): trying again would not help.
      this.close();
      this.onConnection('refused');
      return;
    }
    const wait = RECONNECT_MS[Math.min(this.drops, RECONNECT_MS.length - 1)];
    this.drops += 1;
    this.onConnection('reconnecting');
    setTimeout(() => this.connect(), wait);
  }

  /** Ends the set with {load_kg, rpe, back_pain}: sent once every frame is acknowledged. */
  end(confirmation) {
    this.flush();
    this.ending = { message: { type: 'end', ...confirmation }, sent: false };
    this.maybeEnd();
  }

  /** The end was refused (e.g. no rep counted): the set may be ended again. */
  cancelEnd() {
    this.ending = null;
  }

  maybeEnd() {
    if (!this.ending || this.ending.sent || !this.ready) return;
    if (this.pending.length || this.unacked.size) return;
    this.ending.sent = true;
    this.send(this.ending.message);
  }

  /** Stops batching and closes the connection (after `logged`, or leaving the page). */
  close() {
    this.closed = true;
    clearInterval(this.timer);
    if (this.socket) this.socket.close();
  }
}
