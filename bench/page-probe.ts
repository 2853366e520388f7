// Runs in the page before the app: sees every events frame as it arrives, the moment the app's store applied it
// (the app's user-timing mark), and the time of every animation frame. It changes nothing in the app; it only watches.

/** Per events frame, six numbers: page wall ms when the store had applied it, first/last seq, count, first/last t. */
export const BATCH_FIELDS = 6;

export interface ProbeState {
  replies: number;
  /** log:evicted events seen: the history's bound reported to the window. */
  evictedNotices: number;
  batches: number[];
  frames: number[];
  recording: boolean;
  /** Starts or stops recording frame times; the probe asks for animation frames only while it records. */
  record(on: boolean): void;
}

type Listener = (this: unknown, event: { data: unknown }) => void;

/** The little of the page the probe touches, typed here so the bench type-checks without the DOM library. */
export interface ProbeWindow {
  __benchProbe?: ProbeState;
  WebSocket: {
    prototype: { addEventListener(type: string, listener: unknown, options?: unknown): void };
  };
  requestAnimationFrame(callback: (time: number) => void): number;
  performance: { timeOrigin: number; now(): number };
  PerformanceObserver: new (
    callback: (list: { getEntriesByName(name: string): { startTime: number; detail?: unknown }[] }) => void,
  ) => { observe(options: { type: string }): void };
}

/** Serialised into the page by addInitScript: it must not refer to anything outside itself. */
export function installProbe(): void {
  const page = globalThis as unknown as ProbeWindow;
  const probe: ProbeState = {
    replies: 0,
    evictedNotices: 0,
    batches: [],
    frames: [],
    recording: false,
    record(on) {
      const start = on && !probe.recording;
      probe.recording = on;
      if (start) page.requestAnimationFrame(tick);
    },
  };
  page.__benchProbe = probe;
  const SEQ = '"seq":';
  const T = '"t":';
  const EVICTED = '"kind":"log:evicted"';
  // The app marks this with the last seq it applied (renderer/src/app/event-ingest.ts, APPLIED_MARK).
  const APPLIED = 'lab:events-applied';
  const numberAt = (text: string, at: number) => Number.parseInt(text.slice(at, at + 24), 10);
  /** Frames received and not yet applied: a record as in `batches` without the time (BATCH_FIELDS - 1). */
  const RECORD = 5;
  let waiting: number[] = [];

  function observe(data: unknown): void {
    if (typeof data !== 'string') return;
    if (!data.startsWith('{"type":"events"')) {
      probe.replies += 1;
      return;
    }
    const first = data.indexOf(SEQ);
    const last = data.lastIndexOf(SEQ);
    if (first < 0) return;
    let count = 0;
    for (let at = first; at >= 0; at = data.indexOf(SEQ, at + SEQ.length)) count += 1;
    for (let at = data.indexOf(EVICTED); at >= 0; at = data.indexOf(EVICTED, at + 1))
      probe.evictedNotices += 1;
    const firstT = numberAt(data, data.indexOf(T, first) + T.length);
    const lastT = numberAt(data, data.indexOf(T, last) + T.length);
    waiting.push(numberAt(data, first + SEQ.length), numberAt(data, last + SEQ.length), count, firstT, lastT);
  }

  // The mark's time is when the store had the events; its callback may come later, which does not matter.
  new page.PerformanceObserver((list) => {
    for (const mark of list.getEntriesByName(APPLIED)) {
      const wallMs = page.performance.timeOrigin + mark.startTime;
      const applied = (mark.detail as { lastSeq: number }).lastSeq;
      let done = 0;
      while (done < waiting.length && (waiting[done + 1] as number) <= applied) {
        probe.batches.push(wallMs, ...waiting.slice(done, done + RECORD));
        done += RECORD;
      }
      waiting = waiting.slice(done);
    }
  }).observe({ type: 'mark' });

  // Wrap the app's own message listener (added or assigned), to read each frame as the app gets it.
  const after = (listener: Listener) =>
    function (this: unknown, event: { data: unknown }) {
      listener.call(this, event);
      observe(event.data);
    };
  const prototype = page.WebSocket.prototype;
  const add = prototype.addEventListener;
  prototype.addEventListener = function (this: unknown, type: string, listener: unknown, options?: unknown) {
    const wrap = type === 'message' && typeof listener === 'function';
    return add.call(this, type, wrap ? after(listener as Listener) : listener, options);
  };
  const onmessage = Object.getOwnPropertyDescriptor(prototype, 'onmessage');
  if (onmessage?.set) {
    const set = onmessage.set;
    Object.defineProperty(prototype, 'onmessage', {
      ...onmessage,
      set(this: unknown, listener: unknown) {
        set.call(this, typeof listener === 'function' ? after(listener as Listener) : listener);
      },
    });
  }

  // A loop of animation frames keeps Chromium drawing 60 frames a second, idle or not, on the cores the lab
  // and its clients need: it runs only while frame times are recorded.
  function tick(time: number): void {
    if (!probe.recording) return;
    probe.frames.push(time);
    page.requestAnimationFrame(tick);
  }
}
