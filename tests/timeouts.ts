// Every timeout the tests wait with, in one place. A poll ends as soon as what it waits for holds, so these
// are generous: they bound how long a broken test takes to fail, not how long a passing one runs. They are
// sized for 2 cores with a busy loop on each beside the suite (`yes > /dev/null`, one per core).

/** How long a poll or a wait may take before the test fails, by what it waits for. */
export const TIMEOUT = {
  /**
   * A reply over loopback, or the engine's event for something a socket did: microseconds when idle, but
   * each hop waits for a scheduler slice when the cores are busy.
   */
  io: 20_000,
  /**
   * A change on the page after a click, a key or a lab event: a WebSocket batch, a React commit and an
   * animation frame in a Chromium that shares the cores with the suite.
   */
  ui: 15_000,
  /**
   * A child process to start, do its work and exit, or to die of a signal: Node starts in ~50 ms when idle,
   * in seconds when loaded.
   */
  child: 20_000,
  /** A run of lab clients, each its own Node process, to connect, be answered and exit. */
  clientRun: 30_000,
  /** Many children at once: 200 lab clients started on two shared cores. */
  manyChildren: 50_000,
  /** A host (serve, dev, the built main under the Electron model) to start and print its address. */
  hostStart: 30_000,
  /** A process told to stop (SIGINT, SIGTERM, close) to exit, before the test kills it. */
  stop: 10_000,
  /**
   * Work that takes seconds even when idle: a burst of thousands of connections, a scan of the sources, a
   * million-event import. Below TEST_TIMEOUT.heavy, so a child doing it is killed before its test gives up.
   */
  bulk: 100_000,
  /** electron-builder packing the app; below TEST_TIMEOUT.slowest. */
  packaging: 240_000,
} as const;

/** Vitest's limit for one test or hook: above the longest wait the test makes. */
export const TEST_TIMEOUT = {
  unit: 20_000,
  /** Unit tests over a million events or 100,000 rows: CPU-bound, ~2 s idle, over 10 s on a loaded machine. */
  millions: 60_000,
  integration: 60_000,
  e2e: 90_000,
  /** Tests that start hundreds of processes, a burst of thousands of connections, or a scan. */
  heavy: 120_000,
  /** Packaging, the million-event import, and the quick bench: every scenario, Chromium among them. */
  slowest: 300_000,
} as const;

/**
 * A window to watch for something that must not happen (a second event, a send to a window that is not
 * ready). Not a poll: it costs its full length every run. Something wrong would show within milliseconds;
 * a test that waits less can only pass wrongly, never fail wrongly.
 */
export const QUIET_MS = 100;

const POLL_INTERVAL_MS = 10;

/**
 * Polls `find` until it gives something other than undefined or false, and resolves with it; fails after
 * `timeoutMs` saying what it waited for (`what` may be a function, to report the state at the timeout).
 */
export async function waitFor<T>(
  find: () => T | undefined | false | Promise<T | undefined | false>,
  what: string | (() => string),
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/**
 * Waits a fixed time on purpose: to see that nothing happens within it, or to get past a due time. Never
 * before asserting that something did happen; poll for that with `waitFor`. `why` is for the reader.
 */
export function pause(ms: number, why: string): Promise<void> {
  void why;
  return new Promise((resolve) => setTimeout(resolve, ms));
}
