import { type Frame, type FrameInput, makeFrame } from './frame';
import type { Scene } from './scene';
import { drawAxis } from './scene-axis';
import { drawGlobalMarks } from './scene-global';
import { drawRows } from './scene-lanes';

/** Fills `scene` with one frame of the timeline; returns the frame for hit tests. */
export function buildScene(scene: Scene, input: FrameInput, collapsed: ReadonlySet<string>): Frame {
  scene.reset(input.width, input.height);
  const frame = makeFrame(scene, input);
  drawAxis(frame);
  drawRows(frame, collapsed);
  drawGlobalMarks(frame);
  return frame;
}
