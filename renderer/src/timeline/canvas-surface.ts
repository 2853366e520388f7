import { TOP } from './layout';
import type { ViewState } from './view-state';

const MIN_HEIGHT = 260;
const MAX_HEIGHT = 540;

/**
 * The canvas in the page: its size and pixel density, a height that follows the lanes, and the
 * attributes that tell tests (and anyone inspecting the page) what is shown.
 */
export class CanvasSurface {
  width = 0;
  height = 0;
  dpr = 1;
  private cssHeight = 0;
  private heightFor = -1;
  private attrs = '';

  constructor(
    readonly canvas: HTMLCanvasElement,
    readonly host: HTMLElement,
  ) {}

  resize(width: number, height: number, dpr: number): void {
    this.width = width;
    this.height = height;
    this.dpr = dpr;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
  }

  context(): CanvasRenderingContext2D | null {
    return this.width > 0 && this.height > 0 ? this.canvas.getContext('2d') : null;
  }

  /**
   * Grows the canvas with its lanes, up to a limit past which they scroll: no empty box for five
   * clients, no page-long box for ten thousand. It shrinks only when the history is replaced.
   */
  fitHeight(contentHeight: number, generation: number): void {
    const wanted = Math.min(Math.max(TOP + contentHeight + 12, MIN_HEIGHT), MAX_HEIGHT);
    const next = this.heightFor === generation ? Math.max(wanted, this.cssHeight) : wanted;
    this.heightFor = generation;
    if (next === this.cssHeight) return;
    this.cssHeight = next;
    this.canvas.style.height = `${next}px`; // the resize observer redraws at the new size
  }

  publish(view: ViewState): void {
    const start = String(Math.round(view.window.start));
    const end = String(Math.round(view.window.end));
    const scroll = String(Math.round(view.scrollY));
    const attrs = `${start}/${end}/${view.following}/${scroll}`;
    if (attrs === this.attrs) return;
    this.attrs = attrs;
    const { dataset } = this.host;
    dataset.viewStart = start;
    dataset.viewEnd = end;
    dataset.viewStartUs = start;
    dataset.viewEndUs = end;
    dataset.following = String(view.following);
    dataset.scrollY = scroll;
  }

  toPng(): Promise<Blob | null> {
    return new Promise((resolve) => this.canvas.toBlob(resolve, 'image/png'));
  }
}
