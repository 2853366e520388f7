import { readFileSync, writeFileSync } from 'node:fs';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Bounds;
  maximized: boolean;
}

const MIN_VISIBLE = 100;

function isBounds(value: unknown): value is Bounds {
  const b = value as Partial<Bounds> | null;
  return (
    typeof b === 'object' &&
    b !== null &&
    [b.x, b.y, b.width, b.height].every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    (b.width ?? 0) > 0 &&
    (b.height ?? 0) > 0
  );
}

function overlap(a: Bounds, b: Bounds): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The saved state, if the file holds one and enough of the window would land on a screen
 * that exists now (a monitor may have been unplugged since).
 */
export function readWindowState(file: string, workAreas: Bounds[]): WindowState | null {
  let saved: unknown;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const state = saved as Partial<WindowState> | null;
  if (!isBounds(state?.bounds)) return null;
  const bounds = state.bounds;
  const onScreen = workAreas.some((area) => {
    const shared = overlap(bounds, area);
    return shared.width >= MIN_VISIBLE && shared.height >= MIN_VISIBLE;
  });
  return onScreen ? { bounds, maximized: state.maximized === true } : null;
}

export function writeWindowState(file: string, state: WindowState): void {
  try {
    writeFileSync(file, JSON.stringify(state));
  } catch {
    // Remembering the window is a nicety; never fail a quit over it.
  }
}
