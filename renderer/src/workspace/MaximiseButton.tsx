import { StrokeIcon } from '../lib/StrokeIcon';
import { useLayout } from './layout-store';

const MAXIMISE = 'M2 6V2h4M14 6V2h-4M2 10v4h4M14 10v4h-4';
const RESTORE = 'M6 2v4H2M10 2v4h4M6 14v-4H2M10 14v-4h4';

/** Fills the workspace with one part, and gives the rest back. */
export function MaximiseButton({ part, what }: { part: 'timeline' | 'bottom'; what: string }) {
  const maximised = useLayout((state) => state.maximised === part);
  const toggleMaximised = useLayout((state) => state.toggleMaximised);
  return (
    <button
      type="button"
      className="tool icon maximise"
      data-testid={`maximise-${part}`}
      aria-pressed={maximised}
      aria-label={`Maximise ${what}`}
      title={maximised ? 'Restore the layout' : `Maximise ${what}`}
      onClick={() => toggleMaximised(part)}
    >
      <StrokeIcon d={maximised ? RESTORE : MAXIMISE} />
    </button>
  );
}
