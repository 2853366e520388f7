import { IndexList } from './index-list';
import { type Lane, type LaneGroup, laneFinished, newGroup, newLane, traceGroupKey } from './lane-model';

/** The lanes and their groups, with the maps that find a lane by connection or by client. */
export class LaneSet {
  readonly lanes = new Map<number, Lane>();
  readonly groups = new Map<string, LaneGroup>();
  readonly byConn = new Map<number, number>();
  readonly byClient = new Map<string, number>();
  readonly byComposer = new Map<number, number>();
  /** A traced thread (`3/t41237`) or an fd's socket or pipe while it is open (`3/p41235/fd4`). */
  readonly byTrace = new Map<string, number>();
  /** Bumped whenever lanes or groups appear, move or go: the layout must be redone. */
  layoutVersion = 0;
  private nextId = 1;

  group(key: string, title: string): LaneGroup {
    let group = this.groups.get(key);
    if (!group) {
      group = newGroup(key, title);
      this.groups.set(key, group);
      this.layoutVersion += 1;
    }
    return group;
  }

  add(group: LaneGroup, label: string): Lane {
    const lane = newLane(this.nextId++, group.key, label);
    this.lanes.set(lane.id, lane);
    group.lanes.push(lane.id);
    this.layoutVersion += 1;
    return lane;
  }

  forConn(connId: number): Lane | undefined {
    const id = this.byConn.get(connId);
    return id === undefined ? undefined : this.lanes.get(id);
  }

  forClient(runId: number, clientId: string): Lane | undefined {
    const id = this.byClient.get(clientKey(runId, clientId));
    return id === undefined ? undefined : this.lanes.get(id);
  }

  forComposer(composerId: number): Lane | undefined {
    const id = this.byComposer.get(composerId);
    return id === undefined ? undefined : this.lanes.get(id);
  }

  forTrace(key: string): Lane | undefined {
    const id = this.byTrace.get(key);
    return id === undefined ? undefined : this.lanes.get(id);
  }

  bindTrace(lane: Lane, key: string): void {
    this.byTrace.set(key, lane.id);
  }

  /** The fd was closed: a new socket on the same number is a new lane. */
  unbindTrace(key: string): void {
    this.byTrace.delete(key);
  }

  /** How many lanes the trace groups hold. */
  tracedLaneCount(): number {
    let count = 0;
    for (const group of this.groups.values()) if (group.kind === 'trace') count += group.lanes.length;
    return count;
  }

  /** The lanes of one trace's group. */
  traceLanes(traceId: number): Lane[] {
    const group = this.groups.get(traceGroupKey(traceId));
    return (group?.lanes ?? []).flatMap((id) => this.lanes.get(id) ?? []);
  }

  bindComposer(lane: Lane, composerId: number): void {
    lane.composerId = composerId;
    this.byComposer.set(composerId, lane.id);
  }

  bindClient(lane: Lane, runId: number, clientId: string): void {
    lane.runId = runId;
    lane.clientId = clientId;
    this.byClient.set(clientKey(runId, clientId), lane.id);
  }

  /** A connection turned out to be a spawned client's: its lane's story moves onto the client's lane. */
  adopt(client: Lane, conn: Lane): void {
    client.connId = conn.connId;
    client.role = conn.role;
    client.openT = conn.openT;
    client.closeT = conn.closeT;
    client.openIndex = conn.openIndex;
    client.closeIndex = conn.closeIndex;
    client.cause = conn.cause;
    client.bytesIn = conn.bytesIn;
    client.bytesOut = conn.bytesOut;
    client.error = conn.error;
    client.detail = client.detail || conn.detail;
    client.markers = IndexList.merge(client.markers, conn.markers);
    client.bulk = IndexList.merge(client.bulk, conn.bulk);
    client.lastIndex = Math.max(client.lastIndex, conn.lastIndex);
    this.byConn.set(conn.connId, client.id);
    this.remove(conn, false);
    this.layoutVersion += 1;
  }

  /** Lets go of marker indices below `min`, and of finished lanes with nothing left to show. */
  prune(min: number): void {
    const gone = new Set<number>();
    for (const lane of this.lanes.values()) {
      lane.markers.dropBelow(min);
      lane.bulk.dropBelow(min);
      if (lane.lastIndex < min && laneFinished(lane)) gone.add(lane.id);
    }
    if (gone.size === 0) return;
    for (const id of gone) this.remove(this.lanes.get(id) as Lane, true);
    for (const group of this.groups.values()) {
      group.lanes = group.lanes.filter((id) => !gone.has(id));
      if (group.lanes.length === 0) this.groups.delete(group.key);
    }
    this.layoutVersion += 1;
  }

  /** Lanes that carry a connection. */
  get connectionCount(): number {
    return this.byConn.size;
  }

  clear(): void {
    this.lanes.clear();
    this.groups.clear();
    this.byConn.clear();
    this.byClient.clear();
    this.byComposer.clear();
    this.byTrace.clear();
    this.layoutVersion += 1;
  }

  private remove(lane: Lane, batch: boolean): void {
    this.lanes.delete(lane.id);
    if (lane.connId >= 0 && this.byConn.get(lane.connId) === lane.id) this.byConn.delete(lane.connId);
    if (lane.runId !== null && lane.clientId !== null) {
      const key = clientKey(lane.runId, lane.clientId);
      if (this.byClient.get(key) === lane.id) this.byClient.delete(key);
    }
    if (lane.composerId !== null && this.byComposer.get(lane.composerId) === lane.id) {
      this.byComposer.delete(lane.composerId);
    }
    for (const [key, id] of this.byTrace) if (id === lane.id) this.byTrace.delete(key);
    if (batch) return; // the caller filters the groups once
    const group = this.groups.get(lane.groupKey);
    if (!group) return;
    const at = group.lanes.lastIndexOf(lane.id);
    if (at >= 0) group.lanes = group.lanes.toSpliced(at, 1); // a new array: a layout keeps its view of the old
    if (group.lanes.length === 0) this.groups.delete(group.key);
  }
}

function clientKey(runId: number, clientId: string): string {
  return `${runId}/${clientId}`;
}
