/** What work for a frame returns when an earlier frame did it: it then does not count as live work. */
const DONE_BEFORE = Symbol('done in an earlier frame');
/** Work for a frame, which may return DONE_BEFORE. */
export type FrameWork = () => unknown;
/** Calls back once, soon: in the page, at its next animation frame. */
export type NextFrame = (callback: FrameWork) => void;

/** A page hidden after it asked for a frame gets none: this timer runs what waited anyway. */
const NO_FRAME_MS = 100;
/**
 * Live work (a few of the lab's events, the timeline's draws for events and for the clock) runs at most
 * once in this long: at 60 Hz in every second frame, 30 a second, as the first frame after the gap is the
 * second vsync on. Each frame that changes the page carries the browser's fixed cost (style, layout, paint,
 * compositing), and a run of five clients spreads its events over a dozen frames at 60.
 */
export const LIVE_FRAME_GAP_MS = 25;

interface Waiting {
  run: FrameWork;
  live: boolean;
  /** A draw runs after the frame's other work: it shows what the frame applied, once. */
  draw: boolean;
}

const waiting: Waiting[] = [];
let running = false;
let frame = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let liveTimer: ReturnType<typeof setTimeout> | undefined;
let lastLiveAt = Number.NEGATIVE_INFINITY;

/**
 * `frameTime`: the frame's start, which the browser gives its animation frame callbacks; the gap is read from
 * it, not from when this callback got to run, so that a frame whose callbacks ran late does not make the next
 * live frame a vsync later (30 a second becoming 20).
 */
function runFrame(frameTime = performance.now()): void {
  cancelAnimationFrame(frame);
  clearTimeout(timer);
  clearTimeout(liveTimer);
  frame = 0;
  liveTimer = undefined;
  const liveDue = frameTime - lastLiveAt >= LIVE_FRAME_GAP_MS;
  running = true;
  let ranLive = false;
  const later: Waiting[] = [];
  const draws: Waiting[] = [];
  const run = (entry: Waiting) => {
    try {
      // Live work that found nothing left to do does not hold the next back.
      if (entry.run() !== DONE_BEFORE) ranLive ||= entry.live;
    } catch (error) {
      queueMicrotask(() => {
        throw error; // reported as uncaught, without stopping the callbacks after it
      });
    }
  };
  // What a callback asks for while this runs (the store's update asks the timeline to draw) runs in this
  // frame too, if it is not live work that is not due: asked of the browser, it would wait for the next one
  // and show the canvas a frame late. Draws wait until nothing else is left.
  let next = 0;
  let nextDraw = 0;
  for (;;) {
    const entry = waiting[next];
    if (entry) {
      next += 1;
      if (entry.live && !liveDue) later.push(entry);
      else if (entry.draw) draws.push(entry);
      else run(entry);
      continue;
    }
    const draw = draws[nextDraw];
    if (!draw) break;
    nextDraw += 1;
    run(draw);
  }
  waiting.length = 0;
  waiting.push(...later);
  if (ranLive) lastLiveAt = frameTime;
  running = false;
  if (later.length > 0) askForLiveFrame();
}

function askForFrame(): void {
  frame = requestAnimationFrame(runFrame);
  timer = setTimeout(() => runFrame(), NO_FRAME_MS);
}

const frameComing = () => running || frame !== 0;

/** A frame once the gap after the last live work has passed, unless one comes sooner. */
function askForLiveFrame(): void {
  if (frameComing() || liveTimer !== undefined) return;
  const wait = lastLiveAt + LIVE_FRAME_GAP_MS - performance.now();
  if (wait <= 0) {
    askForFrame();
    return;
  }
  liveTimer = setTimeout(() => {
    liveTimer = undefined;
    if (!frameComing()) askForFrame();
  }, wait);
}

/** Queues `run`; false when the page is hidden and it was run straight away instead. */
function queue(entry: Waiting): boolean {
  // Hidden, its timers may be held back for up to a minute: batches would pile up meanwhile.
  if (document.visibilityState === 'hidden') {
    queueMicrotask(() => entry.run());
    return false;
  }
  waiting.push(entry);
  return true;
}

/** The next frame; straight away while the page is hidden, as nothing is drawn then. */
function soon(draw: boolean): NextFrame {
  return (run) => {
    if (queue({ run, live: false, draw }) && !frameComing()) askForFrame();
  };
}

/**
 * The first frame, asked for anything, at least LIVE_FRAME_GAP_MS after the last that ran live work; asked
 * for at that time if none comes sooner. Asked while a frame runs, it runs in that frame if live work is due
 * in it, else the frame asks for one at its end.
 */
function live(draw: boolean): NextFrame {
  return (run) => {
    if (queue({ run, live: true, draw }) && !running) askForLiveFrame();
  };
}

/**
 * The page's next animation frame, shared by the store and the timeline so that both draw in the same one:
 * for what the user did, and for a flood of events.
 */
export const nextAnimationFrame = soon(false);
/** A frame for what the lab did: a few events. */
export const nextLiveFrame = live(false);
/** The timeline's draw for input, after the next frame's other work. */
export const drawInNextFrame = soon(true);
/** The timeline's draw for new events and for the clock, after a live frame's other work. */
export const drawInLiveFrame = live(true);

/** Asks for `run` in a frame, once however often asked; a soon ask (input, a flood) hurries a live one. */
export interface FrameAsk {
  ask(soon: boolean): void;
  /** Forgets the ask: its frame runs nothing. */
  cancel(): void;
}

/** `run` once, in the first frame to come of those asked for since it last ran: a `live` one, or a `soon` one. */
export function frameAsk(run: () => void, frames: { live: NextFrame; soon: NextFrame }): FrameAsk {
  let asked: 'live' | 'soon' | null = null;
  return {
    ask(soon) {
      if (asked === 'soon' || (asked === 'live' && !soon)) return;
      asked = soon ? 'soon' : 'live';
      (soon ? frames.soon : frames.live)(() => {
        if (asked === null) return DONE_BEFORE;
        asked = null;
        run();
      });
    },
    cancel() {
      asked = null;
    },
  };
}
