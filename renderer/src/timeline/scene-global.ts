import type { LabEvent } from '../../../contract/events';
import { signalLabel } from '../../../contract/signals';
import { type Drawing, timeBar } from './drawing';
import { AXIS_H, TOP } from './layout';
import { forEachColumn } from './lod';
import { Mark } from './marks';
import type { StyleName } from './scene';
import { tOf } from './view';

/** Roughly how wide an 11 px label is; the scene has no font metrics, and only needs to avoid overlap. */
export const approxTextWidth = (text: string, size = 11) => text.length * size * 0.58;

/** The label a global mark carries in the band: `SIGUSR2 (12)`, or what the alarm did. */
export function globalLabel(event: LabEvent): string {
  switch (event.kind) {
    case 'signal:received':
      return signalLabel(event.signal, event.number);
    case 'target:signal':
      return `${signalLabel(event.signal, event.number)} → pid ${event.pid}`;
    case 'alarm:armed':
      return event.seconds > 0 ? `alarm(${event.seconds})` : 'alarm(0)';
    case 'alarm:cancelled':
      return 'alarm cancelled';
    default:
      return event.kind;
  }
}

const LINE: Partial<Record<Mark, StyleName>> = {
  [Mark.Signal]: 'signal',
  [Mark.TargetSignal]: 'signal-target',
};
const FLAG: Partial<Record<Mark, StyleName>> = {
  [Mark.Signal]: 'flag-signal',
  [Mark.TargetSignal]: 'flag-target',
  [Mark.AlarmArmed]: 'flag-alarm',
  [Mark.AlarmCancelled]: 'flag-alarm',
};

/**
 * Signal deliveries as lines across every lane, flagged and labelled in the band under the axis; alarms
 * as a bracket from arming to deadline. One line per pixel column at most, labels only where they fit.
 */
export function drawGlobalMarks(drawing: Drawing): void {
  const { data, scene, scale, plotX0, plotX1, height } = drawing;
  const timeOf = (index: number) => data.columns.tAt(index);
  const bandY = AXIS_H + (TOP - AXIS_H) / 2;
  let labelEnd = Number.NEGATIVE_INFINITY;
  forEachColumn(
    data.global,
    timeOf,
    scale,
    tOf(scale, plotX0 - 2),
    tOf(scale, plotX1 + 2),
    (x, first, count) => {
      const index = data.global.at(first);
      const mark = data.markAt(index);
      const line = LINE[mark];
      const cx = x + 0.5;
      if (line) scene.line(line, cx, AXIS_H + 2, cx, height);
      const flag = FLAG[mark];
      if (flag) scene.glyph(flag, cx, bandY);
      if (mark === Mark.AlarmArmed || x + 6 > labelEnd) {
        const event = data.columns.decode(index);
        if (event.kind === 'alarm:armed' && event.seconds > 0) {
          timeBar(drawing, 'flag-alarm-bracket', event.t, event.deadline, TOP - 4, 1.5);
        }
        if (x + 6 <= labelEnd) return;
        const text = count > 1 ? `${globalLabel(event)} +${count - 1}` : globalLabel(event);
        const colour =
          mark === Mark.Signal ? 'signal' : mark === Mark.TargetSignal ? 'signal-target' : 'alarm';
        scene.text({ x: cx + 8, y: bandY, text, colour, weight: 600, size: 11, align: 'left' });
        labelEnd = cx + 8 + approxTextWidth(text) + 6;
      }
    },
  );
}
