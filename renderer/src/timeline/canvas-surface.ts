import type { Drawing } from './drawing';
import type { ViewState } from './view-state';

/**
 * The canvas in the page: its size and pixel density (its box is the workspace's to size), and the
 * attributes that tell tests (and anyone inspecting the page) what is shown.
 */
export class CanvasSurface {
  width = 0;
  height = 0;
  dpr = 1;
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
   * The view's range as `data-view-start-us` and `data-view-end-us`: lab µs, or while runs are aligned
   * (`data-aligned="true"`) µs since each run's first spawn. `data-run-spawn-x`: `run:x` for each run whose
   * spawns were drawn, x (px) of its earliest one.
   */
  publish(view: ViewState, drawing: Drawing): void {
    const start = String(Math.round(view.window.start));
    const end = String(Math.round(view.window.end));
    const scroll = String(Math.round(view.scrollY));
    const aligned = Boolean(drawing.origins);
    const spawns = [...drawing.runSpawnX].sort(([a], [b]) => a - b);
    const spawnX = spawns.map(([run, x]) => `${run}:${x.toFixed(1)}`).join(' ');
    const attrs = `${start}/${end}/${view.following}/${scroll}/${aligned}/${spawnX}`;
    if (attrs === this.attrs) return;
    this.attrs = attrs;
    const { dataset } = this.host;
    dataset.viewStart = start;
    dataset.viewEnd = end;
    dataset.viewStartUs = start;
    dataset.viewEndUs = end;
    dataset.following = String(view.following);
    dataset.scrollY = scroll;
    dataset.runSpawnX = spawnX;
    if (aligned) dataset.aligned = 'true';
    else delete dataset.aligned;
  }

  toPng(): Promise<Blob | null> {
    return new Promise((resolve) => this.canvas.toBlob(resolve, 'image/png'));
  }
}
