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
function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  const key = `${ctx.font}|${maxWidth}|${text}`;
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

function paintText(ctx: CanvasRenderingContext2D, text: SceneText, palette: Palette): void {
  ctx.font = `${text.weight} ${text.size}px ${FONT_FAMILY}`;
  ctx.fillStyle = palette[text.colour];
  ctx.textAlign = text.align;
  ctx.fillText(text.maxWidth ? fitText(ctx, text.text, text.maxWidth) : text.text, text.x, text.y);
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
  for (const text of scene.texts) paintText(ctx, text, palette);
}
