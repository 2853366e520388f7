import { type PathSink, traceGlyph } from './glyphs';
import {
  FONT_FAMILY,
  type Glyph,
  type Palette,
  type Scene,
  type SceneText,
  STYLE_NAMES,
  STYLES,
} from './scene';

const n = (v: number) => (Math.round(v * 10) / 10).toString();

/** Collects path commands as SVG path data. */
class SvgPath implements PathSink {
  d: string[] = [];
  moveTo(x: number, y: number) {
    this.d.push(`M${n(x)} ${n(y)}`);
  }
  lineTo(x: number, y: number) {
    this.d.push(`L${n(x)} ${n(y)}`);
  }
  closePath() {
    this.d.push('Z');
  }
  rect(x: number, y: number, w: number, h: number) {
    this.d.push(`M${n(x)} ${n(y)}h${n(w)}v${n(h)}h${n(-w)}Z`);
  }
  arc(x: number, y: number, r: number, _start: number, _end: number, anticlockwise = false) {
    // Only full circles are traced: two half arcs from the point at angle 0.
    const sweep = anticlockwise ? 0 : 1;
    this.d.push(
      `A${n(r)} ${n(r)} 0 1 ${sweep} ${n(x - r)} ${n(y)}A${n(r)} ${n(r)} 0 1 ${sweep} ${n(x + r)} ${n(y)}`,
    );
  }
}

/** SVG path data for one glyph, for the legend's little samples. */
export function glyphPathData(glyph: Glyph, x: number, y: number, size: number): string {
  const path = new SvgPath();
  traceGlyph(path, glyph, x, y, size);
  return path.d.join('');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function svgText(text: SceneText, palette: Palette): string {
  let body = text.text;
  // No font metrics here: cut by an average glyph width, as the canvas cuts by measurement.
  const maxChars = text.maxWidth ? Math.floor(text.maxWidth / (text.size * 0.58)) : Number.POSITIVE_INFINITY;
  if (body.length > maxChars) body = `${body.slice(0, Math.max(1, maxChars - 1))}…`;
  const anchor = text.align === 'left' ? 'start' : text.align === 'right' ? 'end' : 'middle';
  return `<text x="${n(text.x)}" y="${n(text.y)}" fill="${palette[text.colour]}" font-size="${text.size}" font-weight="${text.weight}" text-anchor="${anchor}" dominant-baseline="central">${escapeXml(body)}</text>`;
}

/**
 * The same display list as a vector picture: one <path> per style and one <text> per label, so its size
 * is bounded by the level of detail, not by the number of events.
 */
export function sceneToSvg(scene: Scene, palette: Palette, title: string): string {
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}" font-family='${FONT_FAMILY}'>`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${scene.width}" height="${scene.height}" fill="${palette.bg}"/>`,
  ];
  for (const name of STYLE_NAMES) {
    const list = scene.data.get(name) as number[];
    if (list.length === 0) continue;
    const style = STYLES[name];
    const path = new SvgPath();
    if (style.type === 'rect') {
      for (let i = 0; i < list.length; i += 4) {
        path.rect(list[i] as number, list[i + 1] as number, list[i + 2] as number, list[i + 3] as number);
      }
      const opacity = style.type === 'rect' && 'alpha' in style ? ` fill-opacity="${style.alpha}"` : '';
      out.push(
        `<path data-style="${name}" fill="${palette[style.colour]}"${opacity} d="${path.d.join('')}"/>`,
      );
    } else if (style.type === 'glyph') {
      for (let i = 0; i < list.length; i += 2) {
        traceGlyph(path, style.glyph, list[i] as number, list[i + 1] as number, style.size);
      }
      out.push(`<path data-style="${name}" fill="${palette[style.colour]}" d="${path.d.join('')}"/>`);
    } else {
      for (let i = 0; i < list.length; i += 4) {
        path.moveTo(list[i] as number, list[i + 1] as number);
        path.lineTo(list[i + 2] as number, list[i + 3] as number);
      }
      const dash = 'dash' in style ? ` stroke-dasharray="${style.dash.join(' ')}"` : '';
      out.push(
        `<path data-style="${name}" fill="none" stroke="${palette[style.colour]}" stroke-width="${style.width}"${dash} d="${path.d.join('')}"/>`,
      );
    }
  }
  for (const text of scene.texts) out.push(svgText(text, palette));
  out.push('</svg>');
  return out.join('\n');
}
