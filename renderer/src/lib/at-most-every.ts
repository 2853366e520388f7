export interface AtMostEvery {
  /** Runs now, or, if the last run was less than the interval ago, once the interval has passed. */
  request(): void;
  cancel(): void;
}

/** Runs `run` as often as asked, but never twice within `intervalMs`: the asks in between share one run. */
export function atMostEvery(intervalMs: number, run: () => void, now = () => performance.now()): AtMostEvery {
  let lastRun = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    timer = null;
    lastRun = now();
    run();
  };
  return {
    request() {
      if (timer !== null) return;
      const wait = lastRun + intervalMs - now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
