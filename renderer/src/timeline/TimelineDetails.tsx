import { useStore } from 'zustand';
import { LaneEvents } from './LaneEvents';
import { escapedText, hexDump } from './payload-view';
import type { TimelineController } from './timeline-controller';

const TEXT_LIMIT = 16_384;

/** Everything about what was clicked: the system call behind it, exact times, the bytes as text and hex. */
export function TimelineDetails({ controller }: { controller: TimelineController }) {
  const selected = useStore(controller.ui, (ui) => ui.selected);
  if (!selected) {
    return (
      <p className="timeline-details-hint">
        Hover for exact times; click a connection or a marker for its system call and its bytes as text and
        hex.
      </p>
    );
  }
  const described = controller.describe(selected);
  const close = () => controller.select(null);
  if (!described) {
    return (
      <section className="timeline-details" data-testid="timeline-details" aria-label="Details">
        <p className="muted">That event is no longer kept: the history evicted it.</p>
        <button type="button" className="small" onClick={close}>
          Close
        </button>
      </section>
    );
  }
  const { payload } = described;
  return (
    <section
      className="timeline-details"
      data-testid="timeline-details"
      aria-label={`Details: ${described.title}`}
    >
      <header>
        <h3>{described.title}</h3>
        <button type="button" className="small" onClick={close} aria-label="Close the details">
          Close
        </button>
      </header>
      <p className="syscall">
        <code>{described.syscall.call}</code> {described.syscall.text}
      </p>
      <dl className="facts">
        {described.facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {payload && (
        <div className="payload">
          <h4>
            Payload · {payload.length.toLocaleString()} {payload.length === 1 ? 'byte' : 'bytes'}
          </h4>
          <div className="payload-views">
            <figure>
              <figcaption>as text</figcaption>
              <pre data-testid="payload-text">{escapedText(payload, TEXT_LIMIT)}</pre>
            </figure>
            <figure>
              <figcaption>as hex</figcaption>
              <pre data-testid="payload-hex">{hexDump(payload)}</pre>
            </figure>
          </div>
        </div>
      )}
      {selected.type === 'span' && <LaneEvents controller={controller} laneId={selected.laneId} />}
    </section>
  );
}
