import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import { PictureButtons } from './PictureButtons';
import type { TimelineController } from './timeline-controller';

const count = (n: number, what: string) => `${n.toLocaleString()} ${what}${n === 1 ? '' : 's'}`;

interface ToolbarProps {
  controller: TimelineController;
  /** The app's own buttons at the end of the toolbar (the replay, maximise). */
  end?: ReactNode;
}

/** Zoom, pictures and the replay; and what the timeline holds. (Follow and fit are in the app's toolbar.) */
export function TimelineToolbar({ controller, end }: ToolbarProps) {
  const summary = useStore(controller.ui, (ui) => ui.summary);
  const aligned = useStore(controller.ui, (ui) => ui.aligned);
  const zoom = (factor: number) => {
    const { window } = controller.view;
    controller.view.zoomAt((window.start + window.end) / 2, factor);
    controller.changed(true);
  };
  return (
    <div className="timeline-toolbar">
      <fieldset className="toolbar-group">
        <legend className="visually-hidden">Zoom</legend>
        <button
          type="button"
          className="tool icon"
          aria-label="Zoom in"
          title="Zoom in (+)"
          onClick={() => zoom(0.5)}
        >
          +
        </button>
        <button
          type="button"
          className="tool icon"
          aria-label="Zoom out"
          title="Zoom out (−)"
          onClick={() => zoom(2)}
        >
          −
        </button>
      </fieldset>
      <fieldset className="toolbar-group">
        <legend className="visually-hidden">Runs</legend>
        <button
          type="button"
          className="tool toggle"
          data-testid="timeline-align"
          aria-pressed={aligned}
          onClick={() => controller.setAligned(!aligned)}
          title={
            aligned
              ? 'Back to the lab’s clock'
              : 'Align runs: each starts at 0 = its first spawn, in ms, one under another'
          }
        >
          Align runs
        </button>
      </fieldset>
      <PictureButtons controller={controller} />
      {end}
      <p className="timeline-counts" aria-live="off">
        {count(summary.connections, 'connection')} · {count(summary.events, 'event')}
        {summary.evicted > 0 && (
          <span
            className="warn-text"
            title={`The timeline keeps the newest ${summary.capacity.toLocaleString()} events`}
          >
            {' '}
            · {summary.evicted.toLocaleString()} oldest evicted (limit {summary.capacity.toLocaleString()})
          </span>
        )}
      </p>
    </div>
  );
}
