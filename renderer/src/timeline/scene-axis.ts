import { formatTick, formatTickMs, tickStep, ticks } from '../lib/ticks';
import { type Drawing, inPlot } from './drawing';
import { AXIS_H, GUTTER_W, TOP } from './layout';
import { span, xOf } from './view';

const crisp = (v: number) => Math.round(v) + 0.5;

/** The time axis, its grid lines down through the lanes, the gutter, and the "now" line. */
export function drawAxis(drawing: Drawing): void {
  const { scene, scale, window, plotX0, plotX1, width, height } = drawing;
  scene.rect('gutter', 0, 0, width, TOP);
  scene.rect('gutter', 0, TOP, GUTTER_W, height - TOP);
  const aligned = Boolean(drawing.origins);
  const format = aligned ? formatTickMs : formatTick;
  const step = tickStep(span(window), plotX1 - plotX0);
  for (const t of ticks(window.start, window.end, step)) {
    const x = crisp(xOf(scale, t));
    if (!inPlot(drawing, x)) continue;
    scene.line('grid', x, AXIS_H - 6, x, height);
    scene.text({
      x: x + 4,
      y: AXIS_H / 2,
      text: format(t, step),
      colour: 'muted',
      weight: 400,
      size: 11,
      align: 'left',
    });
  }
  scene.text({
    x: 14,
    y: AXIS_H / 2,
    text: aligned ? 'ms since first spawn →' : 'lab time →',
    colour: 'muted',
    weight: 400,
    size: 11,
    align: 'left',
  });
  scene.text({
    x: 14,
    y: AXIS_H + (TOP - AXIS_H) / 2,
    text: aligned ? 'signals hidden: aligned' : 'signals · alarm',
    colour: 'muted',
    weight: 400,
    size: 11,
    align: 'left',
  });
  scene.line('border', 0, crisp(TOP) - 1, width, crisp(TOP) - 1);
  scene.line('border', crisp(GUTTER_W) - 1, 0, crisp(GUTTER_W) - 1, height);
  // Aligned, each run has its own clock: no one line is "now" for all of them.
  if (drawing.live && !aligned) {
    const x = xOf(scale, drawing.now);
    if (inPlot(drawing, x)) {
      scene.line('now', x, AXIS_H - 6, x, height);
      drawing.nowLine = true;
    }
  }
}
