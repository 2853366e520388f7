import type { LiveChild } from '../store/live-children';

const GROUPS: { kind: LiveChild['kind']; label: string }[] = [
  { kind: 'target', label: 'Signal targets' },
  { kind: 'client', label: 'Clients' },
  { kind: 'script', label: 'Scripts' },
];

/** Live children, grouped by what they are, for the signal target picker. */
export function TargetOptions({ live }: { live: readonly LiveChild[] }) {
  return (
    <>
      {GROUPS.map(({ kind, label }) => {
        const members = live.filter((child) => child.kind === kind);
        if (members.length === 0) return null;
        return (
          <optgroup key={kind} label={label}>
            {members.map((child) => (
              <option key={child.pid} value={String(child.pid)}>
                {child.label}
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}
