import { downloadBlob } from '../lib/download';
import { stampedName } from '../lib/file-names';
import type { Trace } from '../store/trace-slice';
import { ARROW_KINDS, sequenceStyle } from './sequence-style';
import { traceTitle } from './trace-words';

interface SequenceToolbarProps {
  traces: ReadonlyMap<number, Trace>;
  /** The trace the chart shows, or all of them. */
  shown: number | 'all' | null;
  onShow(shown: number | 'all'): void;
  svgRef: React.RefObject<SVGSVGElement | null>;
}

/** The chart as a file: the same SVG, its header at the top, its stylesheet's colours resolved. */
function exportSvg(svg: SVGSVGElement): void {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.querySelector('.seq-header')?.removeAttribute('transform');
  const computed = getComputedStyle(svg);
  const style = copy.querySelector('style');
  if (style) style.textContent = sequenceStyle((name) => computed.getPropertyValue(`--seq-${name}`).trim());
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
  downloadBlob(new Blob([text], { type: 'image/svg+xml' }), `${stampedName('ipc-scope-sequence')}.svg`);
}

export function SequenceToolbar({ traces, shown, onShow, svgRef }: SequenceToolbarProps) {
  return (
    <div className="seq-toolbar">
      <label>
        Show{' '}
        <select
          data-testid="seq-trace"
          value={String(shown ?? 'all')}
          onChange={(event) => onShow(event.target.value === 'all' ? 'all' : Number(event.target.value))}
        >
          {[...traces.values()].map((trace) => (
            <option key={trace.traceId} value={trace.traceId}>
              {traceTitle(trace)}
            </option>
          ))}
          <option value="all">all traces together</option>
        </select>
      </label>
      <span className="seq-legend">
        {ARROW_KINDS.map((kind) => (
          <span
            key={kind}
            className="seq-legend-item"
            style={{ '--swatch': `var(--seq-${kind})` } as React.CSSProperties}
          >
            {kind}
          </span>
        ))}
      </span>
      <span className="spacer" />
      <button
        type="button"
        className="tool"
        data-testid="seq-export-svg"
        title="Save the chart as SVG"
        onClick={() => svgRef.current && exportSvg(svgRef.current)}
      >
        SVG
      </button>
    </div>
  );
}
