import { useEffect, useState } from 'react';

/** Lab time (µs) now, ticking while `active`; null until the clock offset is known. */
export function useLabNow(clockOffsetMs: number | null, active: boolean, intervalMs = 100): number | null {
  const [wallMs, setWallMs] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setWallMs(Date.now());
    const timer = setInterval(() => setWallMs(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return clockOffsetMs === null ? null : (wallMs - clockOffsetMs) * 1_000;
}
