import { EmptyState } from '../lib/EmptyState';
import { useLab } from '../store/use-lab';
import { ScriptOutput } from './ScriptOutput';

/** `live`: the lab's own events are on screen (not a file or a replay), so a quiet script is quiet now. */
export function OutputTab({ live }: { live: boolean }) {
  const any = useLab((state) => state.latestScriptId !== null);
  return any ? (
    <ScriptOutput live={live} />
  ) : (
    <EmptyState>
      Run a command from the Script section to see its output here, e.g. <code>ls -l --color=always</code> or{' '}
      <code>python3 script.py</code>. Each run gets a tab; stderr shows in red.
    </EmptyState>
  );
}
