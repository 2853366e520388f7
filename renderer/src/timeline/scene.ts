export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Colours the scene names; each theme resolves them from CSS. */
export const COLOURS = [
  'bg',
  'gutter',
  'group',
  'zebra',
  'grid',
  'text',
  'muted',
  'border',
  'accent',
  'cause-client',
  'cause-server',
  'cause-idle',
  'cause-error',
  'cause-open',
  'process',
  'mark-data',
  'mark-reply',
  'mark-extra',
  'mark-error',
  'mark-spawn',
  'mark-exit',
  'mark-exit-bad',
  'signal',
  'signal-target',
  'alarm',
  'hover',
  'selected',
] as const;

export type Colour = (typeof COLOURS)[number];
export type Palette = Record<Colour, string>;

export type Glyph = 'down' | 'up' | 'diamond' | 'cross' | 'dot' | 'bar' | 'flag' | 'ring';

/** One drawing style: rectangles, glyphs at points, or line segments, in one colour. */
export type Style =
  | { type: 'rect'; colour: Colour; alpha?: number }
  | { type: 'glyph'; colour: Colour; glyph: Glyph; size: number }
  | { type: 'line'; colour: Colour; width: number; dash?: readonly number[] };

/** Styles in the order they are painted: later ones on top. */
export const STYLES = {
  gutter: { type: 'rect', colour: 'gutter' },
  zebra: { type: 'rect', colour: 'zebra' },
  group: { type: 'rect', colour: 'group' },
  hover: { type: 'rect', colour: 'hover' },
  selected: { type: 'rect', colour: 'selected' },
  grid: { type: 'line', colour: 'grid', width: 1 },
  process: { type: 'rect', colour: 'process' },
  'cause-client': { type: 'rect', colour: 'cause-client' },
  'cause-server': { type: 'rect', colour: 'cause-server' },
  'cause-idle': { type: 'rect', colour: 'cause-idle' },
  'cause-error': { type: 'rect', colour: 'cause-error' },
  'cause-open': { type: 'rect', colour: 'cause-open', alpha: 0.55 },
  density: { type: 'rect', colour: 'mark-extra' },
  'flag-alarm-bracket': { type: 'rect', colour: 'alarm', alpha: 0.7 },
  alarm: { type: 'line', colour: 'alarm', width: 1, dash: [2, 3] },
  signal: { type: 'line', colour: 'signal', width: 1.5, dash: [5, 3] },
  'signal-target': { type: 'line', colour: 'signal-target', width: 1, dash: [2, 2] },
  now: { type: 'line', colour: 'accent', width: 1.5 },
  spawn: { type: 'glyph', colour: 'mark-spawn', glyph: 'ring', size: 4 },
  exit: { type: 'glyph', colour: 'mark-exit', glyph: 'bar', size: 5 },
  'exit-bad': { type: 'glyph', colour: 'mark-exit-bad', glyph: 'bar', size: 5 },
  output: { type: 'glyph', colour: 'mark-extra', glyph: 'dot', size: 2 },
  data: { type: 'glyph', colour: 'mark-data', glyph: 'down', size: 5 },
  reply: { type: 'glyph', colour: 'mark-reply', glyph: 'up', size: 5 },
  error: { type: 'glyph', colour: 'mark-error', glyph: 'cross', size: 4 },
  'flag-signal': { type: 'glyph', colour: 'signal', glyph: 'flag', size: 6 },
  'flag-target': { type: 'glyph', colour: 'signal-target', glyph: 'flag', size: 5 },
  'flag-alarm': { type: 'glyph', colour: 'alarm', glyph: 'diamond', size: 4 },
  border: { type: 'line', colour: 'border', width: 1 },
  'selected-line': { type: 'line', colour: 'accent', width: 2 },
} as const satisfies Record<string, Style>;

export type StyleName = keyof typeof STYLES;
export const STYLE_NAMES = Object.keys(STYLES) as StyleName[];

export interface SceneText {
  x: number;
  y: number;
  text: string;
  colour: Colour;
  weight: 400 | 600;
  size: number;
  align: 'left' | 'right' | 'center';
  /** Clip to this many px wide, with an ellipsis. */
  maxWidth?: number;
}

/**
 * One drawing as a display list: numbers per style (rect: x,y,w,h; glyph: x,y; line: x1,y1,x2,y2) and the
 * texts. The canvas and the SVG export both paint it, so the picture and the file cannot disagree.
 */
export class Scene {
  width = 0;
  height = 0;
  readonly data = new Map<StyleName, number[]>(STYLE_NAMES.map((name) => [name, []]));
  texts: SceneText[] = [];

  reset(width: number, height: number): void {
    this.width = width;
    this.height = height;
    for (const list of this.data.values()) list.length = 0;
    this.texts = [];
  }

  rect(style: StyleName, x: number, y: number, w: number, h: number): void {
    (this.data.get(style) as number[]).push(x, y, w, h);
  }

  glyph(style: StyleName, x: number, y: number): void {
    (this.data.get(style) as number[]).push(x, y);
  }

  line(style: StyleName, x1: number, y1: number, x2: number, y2: number): void {
    (this.data.get(style) as number[]).push(x1, y1, x2, y2);
  }

  text(text: SceneText): void {
    this.texts.push(text);
  }

  /** How many primitives the scene holds: what the SVG will have to carry. */
  get primitives(): number {
    let count = this.texts.length;
    for (const [name, list] of this.data) {
      const style: Style = STYLES[name];
      count += list.length / (style.type === 'glyph' ? 2 : 4);
    }
    return count;
  }
}
