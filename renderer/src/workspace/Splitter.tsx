import type { KeyboardEvent, PointerEvent } from 'react';
import { useRef } from 'react';

interface SplitterProps {
  /** `vertical` sits between columns and moves left and right; `horizontal` sits between rows. */
  orientation: 'vertical' | 'horizontal';
  /** The size of the part it resizes, px, and the bounds it may take. */
  value: number;
  min: number;
  max: number;
  /** +1 when dragging right or down grows the part; -1 when it shrinks it (a part below or to the right). */
  grows: 1 | -1;
  label: string;
  /** The id of the part it resizes. */
  controls: string;
  onChange(value: number): void;
}

const STEP = 16;
const BIG_STEP = 64;

/** A bar that resizes the part beside it by drag, or from the keyboard with the arrows, Home and End. */
export function Splitter({ orientation, value, min, max, grows, label, controls, onChange }: SplitterProps) {
  const drag = useRef<{ from: number; value: number } | null>(null);
  const along = (event: { clientX: number; clientY: number }) =>
    orientation === 'vertical' ? event.clientX : event.clientY;

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { from: along(event), value };
    event.preventDefault(); // no text selection while dragging
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (start) onChange(start.value + grows * (along(event) - start.from));
  };
  const onPointerEnd = () => {
    drag.current = null;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const [less, more] = orientation === 'vertical' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
    const next =
      event.key === less
        ? value - grows * step
        : event.key === more
          ? value + grows * step
          : event.key === 'Home'
            ? min
            : event.key === 'End'
              ? max
              : null;
    if (next === null) return;
    event.preventDefault();
    event.stopPropagation(); // Home and End are the timeline's keys elsewhere
    onChange(next);
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable splitter is a div with role separator (WAI-ARIA window splitter); <hr> takes no focus
    <div
      className={`splitter ${orientation}`}
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-controls={controls}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onKeyDown={onKeyDown}
    />
  );
}
