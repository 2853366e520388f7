import * as v from 'valibot';

/** What local storage holds under `key`, if it reads as `schema`; `fallback` for anything else. */
export function readStored<T>(key: string, schema: v.GenericSchema<unknown, T>, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    if (raw === null) return fallback;
    const parsed = v.safeParse(schema, JSON.parse(raw));
    return parsed.success ? parsed.output : fallback;
  } catch {
    return fallback; // storage off (a private window), or a value written by hand
  }
}

/** Keeps `value` under `key` and gives it back; when storage is full or off, it lives as long as the page. */
export function writeStored<T>(key: string, value: T): T {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Full or off: nothing to do.
  }
  return value;
}

export function forgetStored(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Off: there was nothing kept.
  }
}
