import { type Drawing, groupScale, inPlot, timeBar } from './drawing';
import { hitLane } from './hit';
import type { Lane } from './lane-model';
import { GROUP_H, GUTTER_W, LANE_H, type Row, TOP } from './layout';
import { forEachColumn } from './lod';
import { Mark } from './marks';
import type { StyleName } from './scene';
import { approxTextWidth } from './scene-global';
import { type TimeScale, tOf, xOf } from './view';

const SPAN_H = 10;
const CAUSE_STYLE: Record<string, StyleName> = {
  client: 'cause-client',
  server: 'cause-server',
  'idle-timeout': 'cause-idle',
  error: 'cause-error',
};

/** Where each marker sits on its lane: data comes in at the top, replies go out at the bottom. */
const MARK_STYLE: Partial<Record<Mark, { style: StyleName; dy: number }>> = {
  [Mark.DataIn]: { style: 'data', dy: -7 },
  [Mark.Reply]: { style: 'reply', dy: 7 },
  [Mark.Error]: { style: 'error', dy: 0 },
  [Mark.Spawn]: { style: 'spawn', dy: 0 },
  [Mark.Exit]: { style: 'exit', dy: 0 },
  [Mark.Signal]: { style: 'flag-signal', dy: 0 }, // a traced thread's: the lab's own are drawn across all lanes
};

/** Shares the gutter: the label (it names the lane) first, up to most of it; the detail the rest. */
function gutterWidths(label: string, detail: string): [number, number] {
  const room = GUTTER_W - 36;
  const labelNeed = approxTextWidth(label, 12) * 1.1;
  const detailNeed = detail ? approxTextWidth(detail) : 0;
  if (labelNeed + detailNeed <= room) return [room - detailNeed, detailNeed];
  const labelGets = Math.min(labelNeed, room * 0.6);
  const detailGets = Math.min(detailNeed, room - labelGets);
  return [room - detailGets, detailGets];
}

/** The visible rows: group headers, then each lane's label, life, connection and markers. */
export function drawRows(drawing: Drawing, collapsed: ReadonlySet<string>): void {
  const { layout, scrollY, height } = drawing;
  const top = scrollY;
  const bottom = scrollY + height - TOP;
  for (const row of layout.rowsFrom(top)) {
    if (row.y >= bottom) break;
    const y = TOP + row.y - scrollY;
    if (row.laneId < 0) drawGroup(drawing, row, y, collapsed.has(row.group.key));
    else {
      const lane = drawing.data.lanes.lanes.get(row.laneId);
      if (lane) drawLane(drawing, lane, row, y);
    }
  }
}

/** A rect clipped to the rows' area, so nothing spills into the axis. */
function rowRect(drawing: Drawing, style: StyleName, x: number, y: number, w: number, h: number): void {
  const y0 = Math.max(y, TOP);
  if (y + h > y0) drawing.scene.rect(style, x, y0, w, y + h - y0);
}

function drawGroup(drawing: Drawing, row: Row, y: number, collapsed: boolean): void {
  const { scene, width } = drawing;
  rowRect(drawing, 'group', 0, y, width, GROUP_H);
  if (y + GROUP_H / 2 < TOP + 4) return;
  const lanes = row.group.lanes.length;
  const title = `${collapsed ? '▸' : '▾'} ${row.group.title}`;
  scene.text({
    x: 10,
    y: y + GROUP_H / 2,
    text: title,
    colour: 'text',
    weight: 600,
    size: 12,
    align: 'left',
  });
  const count = `${lanes} ${lanes === 1 ? 'lane' : 'lanes'}${collapsed ? ' hidden' : ''}`;
  scene.text({
    x: width - 16,
    y: y + GROUP_H / 2,
    text: count,
    colour: 'muted',
    weight: 400,
    size: 11,
    align: 'right',
  });
}

function drawLane(drawing: Drawing, lane: Lane, row: Row, y: number): void {
  const { scene, width, hover, selected } = drawing;
  const mid = y + LANE_H / 2;
  if (hitLane(selected) === lane.id) rowRect(drawing, 'selected', 0, y, width, LANE_H);
  else if (hitLane(hover) === lane.id) rowRect(drawing, 'hover', 0, y, width, LANE_H);
  else if (row.zebra) rowRect(drawing, 'zebra', GUTTER_W, y, width - GUTTER_W, LANE_H);
  if (mid < TOP + 4) return;

  const [labelWidth, detailWidth] = gutterWidths(lane.label, lane.detail);
  const label = { y: mid, weight: 600, size: 12, colour: 'text', align: 'left' } as const;
  scene.text({ ...label, x: 18, text: lane.label, maxWidth: labelWidth });
  if (lane.detail) {
    const detail = { y: mid, weight: 400, size: 11, colour: 'muted', align: 'right' } as const;
    scene.text({ ...detail, x: GUTTER_W - 10, text: lane.detail, maxWidth: detailWidth });
  }

  const scale = groupScale(drawing, lane.groupKey);
  // The client's life as a thin line: spawn to exit.
  if (!Number.isNaN(lane.spawnT)) {
    const exit = Number.isNaN(lane.exitT) ? null : lane.exitT;
    timeBar(drawing, 'process', lane.spawnT, exit, mid - 1, 2, 0, scale);
    if (row.group.kind === 'run') noteSpawn(drawing, row.group.order, xOf(scale, lane.spawnT));
  }
  // The connection as a bar: accept to close, coloured by who closed first.
  if (lane.connId >= 0 && !Number.isNaN(lane.openT)) {
    const closed = !Number.isNaN(lane.closeT);
    const style = closed ? (CAUSE_STYLE[lane.cause ?? 'error'] ?? 'cause-error') : 'cause-open';
    timeBar(drawing, style, lane.openT, closed ? lane.closeT : null, mid - SPAN_H / 2, SPAN_H, 2, scale);
  }
  drawBulk(drawing, lane, mid, scale);
  drawMarkers(drawing, lane, mid, scale);
  if (
    selected?.type === 'marker' &&
    selected.laneId === lane.id &&
    drawing.data.columns.has(selected.index)
  ) {
    const x = xOf(scale, drawing.data.columns.tAt(selected.index));
    if (inPlot(drawing, x)) scene.line('selected-line', x, y + 1, x, y + LANE_H - 1);
  }
}

/** Keeps the earliest spawn drawn of each run (a run group's order is its number). */
function noteSpawn(drawing: Drawing, runId: number, x: number): void {
  const seen = drawing.runSpawnX.get(runId);
  if (seen === undefined || x < seen) drawing.runSpawnX.set(runId, x);
}

function range(drawing: Drawing, scale: TimeScale): [number, number] {
  return [tOf(scale, drawing.plotX0 - 6), tOf(scale, drawing.plotX1 + 6)];
}

/** Extra data and script output: one tick per pixel column, taller where more arrived. */
function drawBulk(drawing: Drawing, lane: Lane, mid: number, scale: TimeScale): void {
  if (lane.bulk.length === 0) return;
  const { data, scene } = drawing;
  const [t0, t1] = range(drawing, scale);
  forEachColumn(
    lane.bulk,
    (i) => data.columns.tAt(i),
    scale,
    t0,
    t1,
    (x, _first, count) => {
      if (!inPlot(drawing, x)) return;
      const h = Math.min(SPAN_H + 4, 4 + Math.log2(count) * 2);
      scene.rect('density', x, mid - h / 2, 1, h);
    },
  );
}

function drawMarkers(drawing: Drawing, lane: Lane, mid: number, scale: TimeScale): void {
  if (lane.markers.length === 0) return;
  const { data, scene } = drawing;
  const [t0, t1] = range(drawing, scale);
  forEachColumn(
    lane.markers,
    (i) => data.columns.tAt(i),
    scale,
    t0,
    t1,
    (x, first, count) => {
      if (!inPlot(drawing, x)) return;
      // Several markers in one column: show each kind once.
      let seen = 0;
      for (let i = first; i < first + Math.min(count, 8); i++) {
        const index = lane.markers.at(i);
        const mark = data.markAt(index);
        const place = MARK_STYLE[mark];
        if (!place || seen & (1 << mark)) continue;
        seen |= 1 << mark;
        scene.glyph(exitStyle(drawing, lane, index, place.style), x + 0.5, mid + place.dy);
      }
    },
  );
}

/** A client's exit is red when it failed; a script's exit comes from its own event. */
function exitStyle(drawing: Drawing, lane: Lane, index: number, style: StyleName): StyleName {
  if (style !== 'exit') return style;
  if (lane.clientId !== null) return lane.exitOk ? 'exit' : 'exit-bad';
  const event = drawing.data.columns.decode(index);
  return event.kind === 'script:exit' && (event.code !== 0 || event.signal !== null) ? 'exit-bad' : 'exit';
}
