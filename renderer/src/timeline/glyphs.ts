import type { Glyph } from './scene';

/** The path calls both a canvas context and the SVG writer understand. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
  rect(x: number, y: number, w: number, h: number): void;
  arc(x: number, y: number, r: number, start: number, end: number, anticlockwise?: boolean): void;
}

function polygon(path: PathSink, points: readonly number[]): void {
  path.moveTo(points[0] as number, points[1] as number);
  for (let i = 2; i < points.length; i += 2) path.lineTo(points[i] as number, points[i + 1] as number);
  path.closePath();
}

/** Traces one glyph centred on (x, y); all are filled with the nonzero rule. */
export function traceGlyph(path: PathSink, glyph: Glyph, x: number, y: number, s: number): void {
  switch (glyph) {
    case 'down':
      polygon(path, [x - s, y - s * 0.7, x + s, y - s * 0.7, x, y + s * 0.7]);
      break;
    case 'up':
      polygon(path, [x - s, y + s * 0.7, x + s, y + s * 0.7, x, y - s * 0.7]);
      break;
    case 'diamond':
      polygon(path, [x, y - s, x + s, y, x, y + s, x - s, y]);
      break;
    case 'cross': {
      const w = s * 0.35;
      polygon(path, [
        x - s,
        y - s + w,
        x - s + w,
        y - s,
        x,
        y - w,
        x + s - w,
        y - s,
        x + s,
        y - s + w,
        x + w,
        y,
        x + s,
        y + s - w,
        x + s - w,
        y + s,
        x,
        y + w,
        x - s + w,
        y + s,
        x - s,
        y + s - w,
        x - w,
        y,
      ]);
      break;
    }
    case 'dot':
      path.moveTo(x + s, y);
      path.arc(x, y, s, 0, Math.PI * 2);
      path.closePath();
      break;
    case 'ring':
      path.moveTo(x + s, y);
      path.arc(x, y, s, 0, Math.PI * 2);
      path.closePath();
      path.moveTo(x + s * 0.45, y);
      path.arc(x, y, s * 0.45, Math.PI * 2, 0, true);
      path.closePath();
      break;
    case 'bar':
      path.rect(x - 1.25, y - s, 2.5, s * 2);
      break;
    case 'flag':
      path.rect(x - 0.75, y - s, 1.5, s * 2);
      polygon(path, [x, y - s, x + s * 1.3, y - s * 0.5, x, y]);
      break;
  }
}
