import { formatMicros } from '../lib/ticks';
import { syscallOf } from './syscalls';
import type { TimelineController } from './timeline-controller';

const LIMIT = 100;

/** A lane's markers in order, each a way into its own details. */
export function LaneEvents({ controller, laneId }: { controller: TimelineController; laneId: number }) {
  const lane = controller.data.lanes.lanes.get(laneId);
  if (!lane) return null;
  const { columns } = controller.data;
  const shown = Math.min(lane.markers.length, LIMIT);
  const items = Array.from({ length: shown }, (_, i) => lane.markers.at(i));
  return (
    <div className="lane-events">
      <h4>
        On this lane
        {lane.bulk.length > 0 && (
          <span className="muted"> · and {lane.bulk.length.toLocaleString()} extra chunks</span>
        )}
      </h4>
      <ol>
        {items.map((index) => {
          const kind = columns.kindAt(index);
          return (
            <li key={index}>
              <button
                type="button"
                className="link"
                onClick={() => controller.select({ type: 'marker', index, laneId })}
              >
                <span className="lane-event-time">{formatMicros(columns.tAt(index))}</span>{' '}
                <code>{syscallOf(kind).call}</code> {kind}
              </button>
            </li>
          );
        })}
      </ol>
      {lane.markers.length > shown && <p className="muted">… {lane.markers.length - shown} more</p>}
    </div>
  );
}
