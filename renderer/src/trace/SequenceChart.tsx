import { useId, useLayoutEffect, useRef, useState } from 'react';
import { COLUMN_W, HEADER_H, headerLines, SELF_LOOP_W, type SequenceLayout, TIME_W } from './sequence-layout';
import { ARROW_KINDS, SEQUENCE_STYLE } from './sequence-style';
import type { SeqArrow } from './sequence-types';

interface SequenceChartProps {
  layout: SequenceLayout;
  /** Arrows that touch this span (around the timeline's pointer) are lit. */
  lit: { start: number; end: number } | null;
  selectedId: string | null;
  onHover(arrow: SeqArrow | null): void;
  onSelect(arrow: SeqArrow): void;
  svgRef: React.RefObject<SVGSVGElement | null>;
  /** An arrow's time as the rows show it. */
  timeText(t: number): string;
  /** The timeline's range the rows are cut to; null when they are not. */
  range: { start: number; end: number } | null;
  /** How many traced events the chart was drawn from: it follows the store at its own pace. */
  facts: number;
}

/**
 * The message sequence chart as SVG: a header per lifeline that stays in view while the rows scroll, then a
 * row per arrow in time order. One picture, so the SVG export is this very element.
 */
export function SequenceChart(props: SequenceChartProps) {
  const { layout, lit, selectedId, onHover, onSelect, svgRef, timeText, range, facts } = props;
  const ids = useId().replaceAll(':', '');
  const [scrollTop, setScrollTop] = useState(0);
  const stick = useRef(true);
  const scroller = useRef<HTMLDivElement | null>(null);
  const bottom = layout.height;

  // Live arrows land at the bottom: stay there, as a terminal does, unless the user scrolled up.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && stick.current && bottom > 0) element.scrollTop = element.scrollHeight;
  }, [bottom]);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: leaving the chart only clears the hover line the pointer drew; there is nothing for the keyboard to leave
    <div
      className="seq-scroll"
      ref={scroller}
      onMouseLeave={() => onHover(null)} // an arrow that went from under a still pointer leaves no line
      onScroll={(event) => {
        const element = event.currentTarget;
        stick.current = element.scrollTop + element.clientHeight >= element.scrollHeight - 4;
        setScrollTop(element.scrollTop);
      }}
    >
      <svg
        ref={svgRef}
        className="seq"
        xmlns="http://www.w3.org/2000/svg"
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        data-testid="sequence"
        data-lifelines={layout.columns.length}
        data-arrows={layout.rows.length}
        data-facts={facts}
        data-range-start-us={range ? Math.round(range.start) : undefined}
        data-range-end-us={range ? Math.round(range.end) : undefined}
        role="img"
        aria-label={`Message sequence chart: ${layout.columns.length} lifelines, ${layout.rows.length} arrows`}
      >
        <style>{SEQUENCE_STYLE}</style>
        <defs>
          {ARROW_KINDS.map((kind) => (
            <marker
              key={kind}
              id={`${ids}-${kind}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" className={`seq-head seq-${kind}`} />
            </marker>
          ))}
        </defs>
        <rect className="seq-bg" x={0} y={0} width={layout.width} height={layout.height} />
        {layout.columns.map(({ lifeline, x }) => (
          <line
            key={lifeline.key}
            className={`seq-life seq-life-${lifeline.kind}`}
            x1={x}
            x2={x}
            y1={HEADER_H}
            y2={bottom}
          />
        ))}
        {layout.rows.map(({ arrow, x0, x1, y, label, labelX, self, note }) => {
          const near = lit !== null && lit.end >= arrow.t0 && lit.start <= arrow.t1;
          const state = arrow.id === selectedId ? ' selected' : near ? ' lit' : '';
          const path = self
            ? `M${x0},${y - 6} h${SELF_LOOP_W} v14 h${-SELF_LOOP_W + 2}`
            : `M${x0},${y} H${x1 + (x1 > x0 ? -2 : 2)}`;
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG group has no button element to be
            <g
              key={arrow.id}
              data-testid="seq-arrow"
              data-kind={arrow.kind}
              data-id={arrow.id}
              data-label={arrow.label}
              data-from={arrow.from}
              data-to={arrow.to}
              data-t0={Math.round(arrow.t0)}
              data-t1={Math.round(arrow.t1)}
              className={`seq-arrow seq-${arrow.kind}${state}`}
              role="button"
              tabIndex={-1}
              onMouseEnter={() => onHover(arrow)}
              onMouseLeave={() => onHover(null)}
              onClick={() => onSelect(arrow)}
              onKeyDown={(event) => event.key === 'Enter' && onSelect(arrow)}
            >
              <title>{`${timeText(arrow.t0)}: ${arrow.label}${arrow.note ? `; ${arrow.note}` : ''}`}</title>
              <rect className="seq-hit" x={0} y={y - 17} width={layout.width} height={self ? 30 : 24} />
              <text className="seq-time" x={TIME_W - 10} y={y + 4}>
                {timeText(arrow.t0)}
              </text>
              <path className="seq-line" d={path} markerEnd={`url(#${ids}-${arrow.kind})`} />
              <text
                className={`seq-label${arrow.hex ? ' hex' : ''}${self ? ' self' : ''}`}
                x={labelX}
                y={self ? y + 4 : y - 6}
              >
                {label}
              </text>
              {note && (
                <g className="seq-note" data-testid="seq-handler" data-note={arrow.note}>
                  <rect x={note.x} y={y + 6} width={note.width} height={17} rx={4} />
                  <text x={note.x + 8} y={y + 18}>
                    {note.text}
                  </text>
                </g>
              )}
            </g>
          );
        })}
        <g className="seq-header" transform={`translate(0 ${scrollTop})`}>
          <rect className="seq-header-bg" x={0} y={0} width={layout.width} height={HEADER_H} />
          <line
            className="seq-header-rule"
            x1={0}
            x2={layout.width}
            y1={HEADER_H - 0.5}
            y2={HEADER_H - 0.5}
          />
          <text className="seq-time-head" x={TIME_W - 10} y={HEADER_H / 2 + 4}>
            lab time
          </text>
          {layout.columns.map(({ lifeline, x }) => (
            <g key={lifeline.key} className={`seq-head-box seq-life-${lifeline.kind}`}>
              <title>{`${lifeline.label}: ${lifeline.detail}`}</title>
              <rect x={x - COLUMN_W / 2 + 6} y={6} width={COLUMN_W - 12} height={HEADER_H - 12} rx={6} />
              <text className="seq-head-label" x={x} y={23}>
                {lifeline.label}
              </text>
              {headerLines(lifeline.detail, 26).map((line, index) => (
                <text key={line} className="seq-head-detail" x={x} y={38 + index * 12}>
                  {line}
                </text>
              ))}
            </g>
          ))}
        </g>
      </svg>
    </div>
  );
}
