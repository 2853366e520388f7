/** A client's place in its run: `3.2` is the 2nd client started in run 3; null for anything else. */
export function clientPosition(clientId: string): number | null {
  const match = /^\d+\.(\d+)$/.exec(clientId);
  return match ? Number(match[1]) : null;
}

/** The short id shown in orders: the start position, so `3.2` reads `2` beside its run. */
export function shortClientId(clientId: string): string {
  const position = clientPosition(clientId);
  return position === null ? clientId : String(position);
}

/**
 * A hue per start position, spread by the golden angle so neighbours differ most: the same client has the
 * same colour in every run, and a reordering shows as a change in the colour sequence.
 */
export function positionHue(position: number): number {
  return Math.round((200 + (position - 1) * 137.508) % 360);
}
