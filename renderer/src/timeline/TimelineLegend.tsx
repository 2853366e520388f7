import type { Glyph } from './scene';
import { glyphPathData } from './scene-svg';

const SPANS = [
  ['client', 'client closed first'],
  ['server', 'server closed first'],
  ['idle', 'idle timeout'],
  ['error', 'error'],
  ['open', 'still open'],
] as const;

const MARKS: readonly [Glyph, string, string][] = [
  ['down', 'mark-data', 'data in (recv)'],
  ['up', 'mark-reply', 'reply out (send)'],
  ['cross', 'mark-error', 'error'],
  ['ring', 'mark-spawn', 'client started'],
  ['bar', 'mark-exit', 'exited'],
];

function GlyphIcon({ glyph, colour }: { glyph: Glyph; colour: string }) {
  return (
    <svg className="legend-glyph" viewBox="0 0 14 14" aria-hidden="true">
      <path d={glyphPathData(glyph, 7, 7, 5)} style={{ fill: `var(--tl-${colour})` }} />
    </svg>
  );
}

/** What the colours and shapes mean. */
export function TimelineLegend() {
  return (
    <div className="timeline-legend">
      <ul aria-label="Connection colours: who closed first">
        {SPANS.map(([cause, text]) => (
          <li key={cause}>
            <span className={`legend-span cause-${cause}`} aria-hidden="true" /> {text}
          </li>
        ))}
        <li>
          <span className="legend-life" aria-hidden="true" /> client process alive
        </li>
      </ul>
      <ul aria-label="Markers">
        {MARKS.map(([glyph, colour, text]) => (
          <li key={glyph}>
            <GlyphIcon glyph={glyph} colour={colour} /> {text}
          </li>
        ))}
        <li>
          <span className="legend-density" aria-hidden="true" /> extra data (ignored)
        </li>
        <li>
          <span className="legend-signal" aria-hidden="true" /> signal, e.g. <code>SIGUSR2 (12)</code>
        </li>
        <li>
          <GlyphIcon glyph="diamond" colour="alarm" /> alarm
        </li>
      </ul>
    </div>
  );
}
