/** What the pointer is over, or what was clicked. */
export type Hit =
  | { type: 'marker'; index: number; laneId: number }
  | { type: 'span'; laneId: number }
  | { type: 'global'; index: number }
  | { type: 'group'; key: string; onLabel: boolean };

export function sameHit(a: Hit | null, b: Hit | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'marker':
      return b.type === 'marker' && a.index === b.index;
    case 'span':
      return b.type === 'span' && a.laneId === b.laneId;
    case 'global':
      return b.type === 'global' && a.index === b.index;
    case 'group':
      return b.type === 'group' && a.key === b.key;
  }
}

/** The lane a hit belongs to, if any. */
export function hitLane(hit: Hit | null): number | null {
  return hit && (hit.type === 'marker' || hit.type === 'span') ? hit.laneId : null;
}
