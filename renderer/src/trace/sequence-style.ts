import type { ArrowKind } from './sequence-types';

export const ARROW_KINDS: readonly ArrowKind[] = ['connect', 'data', 'close', 'signal', 'pipe', 'alarm'];

/** The colours the chart names; trace.css gives each theme's value as --seq-<name>. */
export const SEQUENCE_COLOURS = [
  'bg',
  'box',
  'box-border',
  'life',
  'text',
  'muted',
  'lit',
  'selected',
  'note-bg',
  'note-text',
  'lab',
  'outside',
  ...ARROW_KINDS,
] as const;

export type SequenceColour = (typeof SEQUENCE_COLOURS)[number];

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const MONO = 'ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace';

/**
 * The chart's stylesheet, inside the SVG so that an exported file looks as it does on screen: with CSS
 * variables on screen (a theme switch restyles it), with the resolved colours in the export.
 */
export function sequenceStyle(colour: (name: SequenceColour) => string): string {
  const kinds = ARROW_KINDS.map(
    (kind) =>
      `.seq-${kind} .seq-line{stroke:${colour(kind)}}.seq-head.seq-${kind}{fill:${colour(kind)}}` +
      `.seq-${kind} .seq-label{fill:${colour(kind)}}`,
  ).join('');
  return [
    `.seq{font:11px ${FONT}}`,
    `.seq-bg{fill:${colour('bg')}}`,
    `.seq-life{stroke:${colour('life')};stroke-dasharray:4 4}`,
    `.seq-life-lab{stroke:${colour('lab')};stroke-dasharray:none;stroke-opacity:.5}`,
    '.seq-line{fill:none;stroke-width:1.7}',
    '.seq-close .seq-line{stroke-dasharray:5 3}',
    '.seq-alarm .seq-line{stroke-dasharray:2 3}',
    '.seq-hit{fill:transparent}',
    `.seq-arrow:hover .seq-hit,.seq-arrow.lit .seq-hit{fill:${colour('lit')}}`,
    `.seq-arrow.selected .seq-hit{fill:${colour('selected')}}`,
    '.seq-arrow{cursor:pointer}',
    `.seq-time{fill:${colour('muted')};text-anchor:end;font:10.5px ${MONO}}`,
    `.seq-time-head{fill:${colour('muted')};text-anchor:end}`,
    // A halo in the background's colour keeps a label readable where it crosses a lifeline.
    `.seq-label{text-anchor:middle;font-weight:500;paint-order:stroke;stroke:${colour('bg')};stroke-width:4px;stroke-linejoin:round}`,
    `.seq-label.hex{font-family:${MONO}}`,
    '.seq-label.self{text-anchor:start}',
    `.seq-note rect{fill:${colour('note-bg')}}`,
    `.seq-note text{fill:${colour('note-text')};font-size:10.5px}`,
    `.seq-header-bg{fill:${colour('bg')}}`,
    `.seq-header-rule{stroke:${colour('box-border')}}`,
    `.seq-head-box rect{fill:${colour('box')};stroke:${colour('box-border')}}`,
    `.seq-head-box.seq-life-lab rect{stroke:${colour('lab')};stroke-width:1.5}`,
    `.seq-head-box.seq-life-outside rect{stroke:${colour('outside')};stroke-dasharray:4 3}`,
    `.seq-head-label{fill:${colour('text')};text-anchor:middle;font-weight:600;font-size:12px}`,
    `.seq-head-detail{fill:${colour('muted')};text-anchor:middle;font-size:10.5px}`,
    kinds,
  ].join('\n');
}

/** The live stylesheet: each colour read from the page's theme. */
export const SEQUENCE_STYLE = sequenceStyle((name) => `var(--seq-${name})`);
