import { useEffect, useRef } from 'react';
import { brushOf, type Density, densityOf, timeAtX } from './overview';
import { resolvePalette, watchTheme } from './palette';
import type { Palette } from './scene';
import type { TimelineController } from './timeline-controller';

const HEIGHT = 36;
/** The strip recounts the session at most this often; the brush follows every frame. */
const RECOUNT_MS = 250;
/** A brush at least this wide (of the strip) is not dragged: a drag on it picks a range instead. */
const WIDE_SHARE = 0.5;
/** A press that moves less than this is a click: it centres the view there. */
const CLICK_PX = 3;

interface Drag {
  mode: 'pan' | 'select';
  x: number;
  /** The view's window at the press, for a pan. */
  start: number;
  end: number;
  moved: boolean;
}

function paint(
  canvas: HTMLCanvasElement,
  width: number,
  density: Density | null,
  controller: TimelineController,
  palette: Palette,
) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const dpr = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * dpr)) canvas.width = Math.round(width * dpr);
  if (canvas.height !== Math.round(HEIGHT * dpr)) canvas.height = Math.round(HEIGHT * dpr);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = palette.gutter;
  ctx.fillRect(0, 0, width, HEIGHT);
  if (!density) return;
  const max = Math.max(1, ...density.connections);
  ctx.fillStyle = palette['cause-client'];
  for (let x = 0; x < density.connections.length; x++) {
    const count = density.connections[x] ?? 0;
    if (count === 0) continue;
    const h = Math.max(2, Math.sqrt(count / max) * (HEIGHT - 6));
    ctx.fillRect(x, HEIGHT - h, 1, h);
  }
  const ticks = (counts: Uint32Array, colour: string) => {
    ctx.fillStyle = colour;
    for (let x = 0; x < counts.length; x++) if (counts[x]) ctx.fillRect(x, 0, 1.5, HEIGHT);
  };
  ticks(density.signals, palette.signal);
  ticks(density.alarms, palette.alarm);
  // Aligned runs are not on the lab's clock the strip shows: no brush; a press here goes back to it.
  if (controller.aligned) return;
  // The brush: what the timeline shows, with the rest of the session dimmed around it.
  const { x0, x1 } = brushOf(density, width, controller.view.window);
  ctx.fillStyle = palette.bg;
  ctx.globalAlpha = 0.55;
  ctx.fillRect(0, 0, x0, HEIGHT);
  ctx.fillRect(x1, 0, width - x1, HEIGHT);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = palette.accent;
  ctx.lineWidth = 1.5;
  ctx.strokeRect(x0 + 0.75, 0.75, x1 - x0 - 1.5, HEIGHT - 1.5);
}

/**
 * The whole session at a glance, as in DevTools' Performance panel: connections as density, signals and
 * alarms as ticks, and a brush over what the timeline shows. Drag the brush to pan, drag elsewhere to pick
 * a range, click to centre the view there.
 */
export function OverviewStrip({ controller }: { controller: TimelineController }) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const surface = canvas.current;
    if (!surface) return;
    let palette = resolvePalette(surface);
    let density: Density | null = null;
    let counted = -1;
    let countedAt = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Kept from the resize observer: read from the canvas in a frame, after the store's changes to the page,
    // the width would make the browser lay the page out there and then.
    let width = surface.clientWidth;
    /** Where the brush was last painted, in quarter pixels: a frame that leaves it there repaints nothing. */
    let painted = '';
    const brushKey = () => {
      if (!density || controller.aligned) return '';
      const { x0, x1 } = brushOf(density, width, controller.view.window);
      return `${Math.round(x0 * 4)}/${Math.round(x1 * 4)}`;
    };
    const repaint = () => {
      painted = brushKey();
      paint(surface, width, density, controller, palette);
    };
    const recount = () => {
      timer = null;
      density = densityOf(controller.data, width);
      counted = controller.data.columns.end;
      countedAt = performance.now();
      publish();
      repaint();
    };
    const publish = () => {
      surface.dataset.sessionStartUs = density ? String(Math.round(density.start)) : '';
      surface.dataset.sessionEndUs = density ? String(Math.round(density.end)) : '';
    };
    const drawn = () => {
      const stale = counted !== controller.data.columns.end;
      if (stale && timer === null) {
        timer = setTimeout(recount, Math.max(0, countedAt + RECOUNT_MS - performance.now()));
      }
      if (brushKey() !== painted) repaint();
    };
    const stopDrawn = controller.onDrawn(drawn);
    const stopTheme = watchTheme(() => {
      palette = resolvePalette(surface);
      repaint();
    });
    const observer = new ResizeObserver(([entry]) => {
      if (entry) width = Math.round(entry.contentRect.width);
      recount();
    });
    observer.observe(surface);

    let drag: Drag | null = null;
    const xOf = (event: PointerEvent) => event.clientX - surface.getBoundingClientRect().left;
    const onDown = (event: PointerEvent) => {
      if (!density || event.button !== 0) return;
      const x = xOf(event);
      const { x0, x1 } = brushOf(density, surface.clientWidth, controller.view.window);
      const { start, end } = controller.view.window;
      // A brush over most of the strip leaves little to pan to, and no room to pick a range beside it.
      const onBrush = !controller.aligned && x >= x0 && x <= x1 && x1 - x0 < surface.clientWidth * WIDE_SHARE;
      drag = { mode: onBrush ? 'pan' : 'select', x, start, end, moved: false };
      surface.setPointerCapture(event.pointerId);
    };
    const onMove = (event: PointerEvent) => {
      if (!drag || !density) return;
      const x = xOf(event);
      if (Math.abs(x - drag.x) >= CLICK_PX) drag.moved = true;
      if (!drag.moved) return;
      const width = surface.clientWidth;
      if (drag.mode === 'pan') {
        const dt = timeAtX(density, width, x) - timeAtX(density, width, drag.x);
        controller.showWindow({ start: drag.start + dt, end: drag.end + dt });
      } else {
        const [a, b] = [timeAtX(density, width, drag.x), timeAtX(density, width, x)].sort((p, q) => p - q);
        controller.showWindow({ start: a as number, end: b as number });
      }
    };
    const onUp = (event: PointerEvent) => {
      if (drag && density && !drag.moved) {
        const t = timeAtX(density, surface.clientWidth, xOf(event));
        const half = (drag.end - drag.start) / 2;
        controller.showWindow({ start: t - half, end: t + half });
      }
      drag = null;
    };
    surface.addEventListener('pointerdown', onDown);
    surface.addEventListener('pointermove', onMove);
    surface.addEventListener('pointerup', onUp);
    // A drag the browser took away (a gesture, a lost capture) ends there, or hovering would go on dragging.
    const onCancel = () => {
      drag = null;
    };
    surface.addEventListener('pointercancel', onCancel);
    surface.addEventListener('lostpointercapture', onCancel);
    recount();
    return () => {
      stopDrawn();
      stopTheme();
      observer.disconnect();
      if (timer !== null) clearTimeout(timer);
      surface.removeEventListener('pointerdown', onDown);
      surface.removeEventListener('pointermove', onMove);
      surface.removeEventListener('pointerup', onUp);
      surface.removeEventListener('pointercancel', onCancel);
      surface.removeEventListener('lostpointercapture', onCancel);
    };
  }, [controller]);

  return (
    <canvas
      ref={canvas}
      className="timeline-overview"
      data-testid="overview"
      style={{ height: HEIGHT }}
      role="img"
      aria-label="The whole session: connections as density, signals and alarms as ticks; the frame is what the timeline shows. Drag it to pan, drag elsewhere to pick a range."
    />
  );
}
