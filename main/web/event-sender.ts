/** The part of a `ws` WebSocket the sender uses. */
export interface FrameSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code: number, reason: string): void;
}

export interface EventSenderOptions {
  /** While more than this many bytes wait in the socket, batches wait too, and go out merged into one frame. */
  highWaterBytes?: number;
  /** How often a waiting sender looks whether the socket has drained. */
  retryMs?: number;
  /** Past this much waiting JSON the window is too far behind: the socket is closed, never thinned. */
  maxWaitingBytes?: number;
  /** Called as the socket is closed for falling behind: what feeds the window can stop now, not at 'close'. */
  onFellBehind?: () => void;
}

export interface SenderStats {
  frames: number;
  batches: number;
  /** Batches that went out merged with others because the socket was backed up (none lost). */
  coalesced: number;
}

export interface EventSender {
  /** `json` is a batch as JSON.stringify made it: an array. */
  send(json: string): void;
  /**
   * Any other frame (a reply): batches still waiting go first, so the window sees things in order. The same
   * backlog rule holds: a window that stops reading, however it keeps asking, is closed with 1013.
   */
  sendOther(frame: string): void;
  /** Whether a batch sent now would go straight out: nothing waits, and the socket is below its high water. */
  ready(): boolean;
  /** Closes the socket, with 1013 and a reason: the window is too far behind to catch up. */
  fellBehind(): void;
  readonly stats: SenderStats;
  close(): void;
}

const OPEN = 1;
/** What one window may have waiting in the host before it is closed as too far behind. */
export const MAX_WAITING_BYTES = 64 << 20;
/** RFC 6455 1013: try again later. */
const TOO_FAR_BEHIND = 1013;

/** `[a,b]` and `[c]` as `[a,b,c]`. */
function mergeArrays(arrays: string[]): string {
  if (arrays.length === 1) return arrays[0] as string;
  const inner = arrays.map((array) => array.slice(1, -1)).filter((part) => part.length > 0);
  return `[${inner.join(',')}]`;
}

/**
 * Sends the event log's batches to one window. A window that reads slower than the lab writes would
 * otherwise queue frame after frame in the host; instead the waiting batches are merged into one frame,
 * which the renderer applies in one go. Merges are counted; events are never dropped.
 */
export function createEventSender(
  socket: FrameSocket,
  {
    highWaterBytes = 1 << 20,
    retryMs = 16,
    maxWaitingBytes = MAX_WAITING_BYTES,
    onFellBehind,
  }: EventSenderOptions = {},
): EventSender {
  const stats: SenderStats = { frames: 0, batches: 0, coalesced: 0 };
  let waiting: string[] = [];
  let waitingBytes = 0;
  let timer: NodeJS.Timeout | null = null;

  function write(arrays: string[]): void {
    stats.frames += 1;
    stats.coalesced += arrays.length - 1;
    socket.send(`{"type":"events","events":${mergeArrays(arrays)}}`);
  }

  function writeWaiting(): void {
    const arrays = waiting;
    waiting = [];
    waitingBytes = 0;
    if (arrays.length > 0) write(arrays);
  }

  function fellBehind(): void {
    waiting = [];
    onFellBehind?.();
    socket.close(TOO_FAR_BEHIND, 'this window fell too far behind the lab; reload it');
  }

  function retry(): void {
    timer = null;
    if (socket.readyState !== OPEN) return;
    if (socket.bufferedAmount > highWaterBytes) timer = setTimeout(retry, retryMs);
    else writeWaiting();
  }

  return {
    send(json) {
      if (socket.readyState !== OPEN) return;
      stats.batches += 1;
      if (waiting.length === 0 && socket.bufferedAmount <= highWaterBytes) {
        write([json]);
        return;
      }
      waiting.push(json);
      waitingBytes += json.length;
      if (waitingBytes > maxWaitingBytes) {
        fellBehind();
        return;
      }
      timer ??= setTimeout(retry, retryMs);
    },
    sendOther(frame) {
      if (socket.readyState !== OPEN) return;
      writeWaiting();
      if (socket.bufferedAmount + frame.length > maxWaitingBytes) {
        fellBehind();
        return;
      }
      socket.send(frame);
    },
    ready: () =>
      socket.readyState === OPEN && waiting.length === 0 && socket.bufferedAmount <= highWaterBytes,
    fellBehind,
    stats,
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
      waiting = [];
    },
  };
}
