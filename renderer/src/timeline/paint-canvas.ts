import { traceGlyph } from './glyphs';
import {
  FONT_FAMILY,
  type Palette,
  type Scene,
  type SceneText,
  STYLE_NAMES,
  STYLES,
  type Style,
} from './scene';

const ellipsized = new Map<string, string>();

/** Cuts text to fit `maxWidth` with an ellipsis; remembered, since labels repeat every frame. */
function fitText(ctx: CanvasRenderingContext2D, font: string, text: string, maxWidth: number): string {
  const key = `${font}|${maxWidth}|${text}`;
  const known = ellipsized.get(key);
  if (known !== undefined) return known;
  let out = text;
  if (ctx.measureText(text).width > maxWidth) {
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (ctx.measureText(`${text.slice(0, mid)}…`).width <= maxWidth) lo = mid;
      else hi = mid - 1;
    }
    out = `${text.slice(0, lo)}…`;
  }
  if (ellipsized.size > 4_000) ellipsized.clear();
  ellipsized.set(key, out);
  return out;
}

/**
 * Paints the scene's texts, setting the font, colour and alignment only when they change: each set parses
 * a CSS string, and most labels share one style, so setting them per label was most of a frame's cost.
 */
function paintTexts(ctx: CanvasRenderingContext2D, texts: readonly SceneText[], palette: Palette): void {
  let font = '';
  let colour = '';
  let align = '';
  for (const text of texts) {
    const nextFont = `${text.weight} ${text.size}px ${FONT_FAMILY}`;
    if (nextFont !== font) ctx.font = font = nextFont;
    const nextColour = palette[text.colour];
    if (nextColour !== colour) ctx.fillStyle = colour = nextColour;
    if (text.align !== align) ctx.textAlign = align = text.align;
    const shown = text.maxWidth ? fitText(ctx, font, text.text, text.maxWidth) : text.text;
    ctx.fillText(shown, text.x, text.y);
  }
}

function paintStyle(
  ctx: CanvasRenderingContext2D,
  style: Style,
  list: readonly number[],
  palette: Palette,
): void {
  const colour = palette[style.colour];
  ctx.globalAlpha = style.type === 'rect' ? (style.alpha ?? 1) : 1;
  ctx.beginPath();
  if (style.type === 'rect') {
    for (let i = 0; i < list.length; i += 4) {
      ctx.rect(list[i] as number, list[i + 1] as number, list[i + 2] as number, list[i + 3] as number);
    }
    ctx.fillStyle = colour;
    ctx.fill();
  } else if (style.type === 'glyph') {
    for (let i = 0; i < list.length; i += 2)
      traceGlyph(ctx, style.glyph, list[i] as number, list[i + 1] as number, style.size);
    ctx.fillStyle = colour;
    ctx.fill();
  } else {
    for (let i = 0; i < list.length; i += 4) {
      ctx.moveTo(list[i] as number, list[i + 1] as number);
      ctx.lineTo(list[i + 2] as number, list[i + 3] as number);
    }
    ctx.strokeStyle = colour;
    ctx.lineWidth = style.width;
    ctx.setLineDash(style.dash ?? []);
    ctx.stroke();
    ctx.setLineDash([]);
  }
}

/** Paints the display list: one path per style, so a frame is a few dozen draw calls however busy. */
export function paintCanvas(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  palette: Palette,
  dpr: number,
): void {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.globalAlpha = 1;
  ctx.fillStyle = palette.bg;
  ctx.fillRect(0, 0, scene.width, scene.height);
  for (const name of STYLE_NAMES) {
    const list = scene.data.get(name) as number[];
    if (list.length > 0) paintStyle(ctx, STYLES[name], list, palette);
  }
  ctx.globalAlpha = 1;
  ctx.textBaseline = 'middle';
  paintTexts(ctx, scene.texts, palette);
}
