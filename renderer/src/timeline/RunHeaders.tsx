import { useStore } from 'zustand';
import { formatMicros } from '../lib/ticks';
import type { TimelineController } from './timeline-controller';

/**
 * A button per recent run that frames it, as a click on its header in the canvas does: by keyboard too. The
 * row is there before the first run, so that run does not push the timeline down (and resize its canvas).
 */
export function RunHeaders({ controller }: { controller: TimelineController }) {
  const runs = useStore(controller.ui, (ui) => ui.summary.runs);
  return (
    <nav className="run-headers" aria-label="Frame a run">
      <span className="muted">
        {runs.length === 0 ? 'Frame a run: each run gets a button here as it starts' : 'Frame'}
      </span>
      {runs.map((run) => (
        <button
          key={run.runId}
          type="button"
          className="secondary small-button"
          data-testid="run-header"
          data-run={run.runId}
          data-run-start-us={Math.round(run.start)}
          data-run-end-us={Math.round(run.end)}
          title={`${run.title}: ${formatMicros(run.end - run.start)} from the first spawn to the last exit`}
          onClick={() => controller.frameRun(run.runId)}
        >
          Run {run.runId}
        </button>
      ))}
    </nav>
  );
}
