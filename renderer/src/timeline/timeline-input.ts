import type { Hit } from './hit';
import { GUTTER_W, LANE_H } from './layout';
import type { TimelineController } from './timeline-controller';
import { span, tOf } from './view';

/** Past this many px a press is a drag, not a click. */
const DRAG_SLOP = 4;

interface Press {
  x: number;
  y: number;
  start: number;
  scrollY: number;
  moved: boolean;
  id: number;
  hit: Hit | null;
}

/** Lines and pages of a wheel event, in px. */
function wheelPixels(event: WheelEvent, page: number): { dx: number; dy: number } {
  const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? page : 1;
  return { dx: event.deltaX * unit, dy: event.deltaY * unit };
}

/**
 * Wheel zooms around the pointer (ctrl+wheel is a trackpad pinch), shift+wheel scrolls the lanes, a
 * sideways swipe pans; dragging pans time and lanes together; a click selects; keys do the same.
 */
export function attachInput(canvas: HTMLCanvasElement, controller: TimelineController): () => void {
  const { view } = controller;
  const local = (event: MouseEvent) => {
    const box = canvas.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  const timeAt = (x: number) => {
    const drawing = controller.lastDrawing();
    return drawing ? tOf(drawing.scale, x) : (view.window.start + view.window.end) / 2;
  };
  const pxToTime = () => {
    const drawing = controller.lastDrawing();
    return drawing ? 1 / drawing.scale.k : 0;
  };

  const onWheel = (event: WheelEvent) => {
    event.preventDefault();
    const { x } = local(event);
    const { dx, dy } = wheelPixels(event, controller.plotHeight);
    if (event.shiftKey && !event.ctrlKey) view.scrollTo(view.scrollY + (dy || dx));
    else if (Math.abs(dx) > Math.abs(dy) && !event.ctrlKey) view.panTime(dx * pxToTime());
    else view.zoomAt(timeAt(x), Math.exp(dy * (event.ctrlKey ? 0.01 : 0.0015)));
    controller.changed(true);
  };

  let press: Press | null = null;
  const onDown = (event: PointerEvent) => {
    if (event.button !== 0) return;
    const { x, y } = local(event);
    // What was under the pointer when pressed: a live view may have moved by the release.
    const hit = controller.hitAt(x, y);
    press = { x, y, start: view.window.start, scrollY: view.scrollY, moved: false, id: event.pointerId, hit };
    canvas.setPointerCapture(event.pointerId);
  };
  const onMove = (event: PointerEvent) => {
    const point = local(event);
    if (!press || press.id !== event.pointerId) {
      controller.hover(point);
      return;
    }
    const dx = point.x - press.x;
    const dy = point.y - press.y;
    if (!press.moved && Math.hypot(dx, dy) < DRAG_SLOP) return;
    press.moved = true;
    canvas.classList.add('dragging');
    const width = span(view.window);
    view.setWindow({ start: press.start - dx * pxToTime(), end: press.start - dx * pxToTime() + width });
    view.scrollTo(press.scrollY - dy);
    controller.hover(null);
    controller.changed(true);
  };
  const onUp = (event: PointerEvent) => {
    if (!press || press.id !== event.pointerId) return;
    const { x, y } = local(event);
    if (!press.moved) controller.select(press.hit);
    press = null;
    canvas.classList.remove('dragging');
    controller.hover({ x, y });
  };
  // Double-click on empty time: bring the lanes that were busy then into view.
  const onDoubleClick = (event: MouseEvent) => {
    const { x, y } = local(event);
    const hit = controller.hitAt(x, y);
    if (x > GUTTER_W && hit?.type !== 'marker' && hit?.type !== 'span') controller.revealLanesAt(timeAt(x));
  };
  const onLeave = () => {
    if (!press) controller.hover(null);
  };

  /** Arrow keys pan and scroll, + and - zoom; true when the key was one of them. */
  const keyAction = (key: string): boolean => {
    switch (key) {
      case 'ArrowLeft':
        view.panStep(-1);
        return true;
      case 'ArrowRight':
        view.panStep(1);
        return true;
      case 'ArrowUp':
        view.scrollTo(view.scrollY - LANE_H);
        return true;
      case 'ArrowDown':
        view.scrollTo(view.scrollY + LANE_H);
        return true;
      case 'PageUp':
        view.scrollTo(view.scrollY - controller.plotHeight * 0.9);
        return true;
      case 'PageDown':
        view.scrollTo(view.scrollY + controller.plotHeight * 0.9);
        return true;
      case '+':
      case '=':
        view.zoomStep(1);
        return true;
      case '-':
        view.zoomStep(-1);
        return true;
      default:
        return false;
    }
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Escape') {
      controller.select(null);
      return;
    }
    if (!keyAction(event.key)) return;
    event.preventDefault();
    event.stopPropagation();
    controller.changed(true);
  };

  // One abort removes every listener, so adding one can never miss its removal.
  const listening = new AbortController();
  const { signal } = listening;
  canvas.addEventListener('wheel', onWheel, { passive: false, signal });
  canvas.addEventListener('pointerdown', onDown, { signal });
  canvas.addEventListener('pointermove', onMove, { signal });
  canvas.addEventListener('pointerup', onUp, { signal });
  canvas.addEventListener('pointercancel', onUp, { signal });
  canvas.addEventListener('pointerleave', onLeave, { signal });
  canvas.addEventListener('keydown', onKey, { signal });
  canvas.addEventListener('dblclick', onDoubleClick, { signal });
  return () => listening.abort();
}
