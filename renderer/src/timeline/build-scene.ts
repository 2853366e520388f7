import { type Drawing, type DrawingInput, makeDrawing } from './drawing';
import type { Scene } from './scene';
import { drawAxis } from './scene-axis';
import { drawGlobalMarks } from './scene-global';
import { drawRows } from './scene-lanes';

/** Fills `scene` with one drawing of the timeline; returns the drawing for hit tests. */
export function buildScene(scene: Scene, input: DrawingInput, collapsed: ReadonlySet<string>): Drawing {
  scene.reset(input.width, input.height);
  const drawing = makeDrawing(scene, input);
  drawAxis(drawing);
  drawRows(drawing, collapsed);
  // Signals and alarms are on the lab's clock, which aligned runs no longer share: hidden with the other lanes.
  if (!drawing.origins) drawGlobalMarks(drawing);
  return drawing;
}
