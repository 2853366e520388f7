import { useLayoutEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { Hit } from './hit';
import { escapedText } from './payload-view';
import type { TimelineController } from './timeline-controller';

const OFFSET = 14;
const FACTS = 6;

/** Exact times, byte counts and a payload preview for what the pointer is over, if anything. */
export function TimelineTooltip({ controller }: { controller: TimelineController }) {
  const hover = useStore(controller.ui, (ui) => ui.hover);
  return hover && <TooltipAt controller={controller} hover={hover} />;
}

function TooltipAt({
  controller,
  hover,
}: {
  controller: TimelineController;
  hover: { hit: Hit; x: number; y: number };
}) {
  const box = useRef<HTMLDivElement>(null);
  const [flip, setFlip] = useState({ x: false, y: false });
  const described = controller.describe(hover.hit);

  // Keep it inside the timeline: flip to the other side of the pointer near an edge.
  useLayoutEffect(() => {
    const el = box.current;
    const parent = el?.parentElement;
    if (!el || !parent) return;
    const x = hover.x + OFFSET + el.offsetWidth > parent.clientWidth;
    const y = hover.y + OFFSET + el.offsetHeight > parent.clientHeight;
    // The same sides as before keep the same state: React then skips the second render of each move.
    setFlip((before) => (before.x === x && before.y === y ? before : { x, y }));
  }, [hover.x, hover.y]);

  if (!described) return null;
  const style = {
    left: flip.x ? undefined : hover.x + OFFSET,
    right: flip.x ? `calc(100% - ${hover.x - OFFSET}px)` : undefined,
    top: flip.y ? undefined : hover.y + OFFSET,
    bottom: flip.y ? `calc(100% - ${hover.y - OFFSET}px)` : undefined,
  };
  return (
    <div ref={box} className="timeline-tooltip" data-testid="timeline-tooltip" role="tooltip" style={style}>
      <p className="tooltip-title">{described.title}</p>
      <p className="tooltip-call">
        <code>{described.syscall.call}</code>
      </p>
      <dl className="facts">
        {described.facts.slice(0, FACTS).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {described.payload && (
        <p className="tooltip-payload">
          <code>{escapedText(described.payload, 80)}</code>
        </p>
      )}
      <p className="tooltip-hint">click for details</p>
    </div>
  );
}
