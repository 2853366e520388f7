/** One send or receive on a stream: when it started, how many bytes it moved, and what it was. */
export interface Chunk<T> {
  at: number;
  size: number;
  item: T;
}

export interface ByteMatch<S, R> {
  /** Each send with the receive that took its first byte. */
  pairs: { send: S; recv: R }[];
  /** Sends past the bytes received so far. */
  unsent: S[];
  /** Receives past the bytes sent so far: their sender is not traced, or its line has not come yet. */
  unmatched: R[];
}

/**
 * Pairs the sends and receives of one direction of a byte stream (a TCP connection, a pipe) by where their
 * bytes fall in it, not by when strace printed them: a receive that blocked is printed when it returns, often
 * before the send that woke it. Both sides are in their own call order, as one stream's bytes are.
 */
export function matchByBytes<S, R>(sends: readonly Chunk<S>[], recvs: readonly Chunk<R>[]): ByteMatch<S, R> {
  const sent = [...sends].sort((a, b) => a.at - b.at);
  const received = [...recvs].sort((a, b) => a.at - b.at);
  const pairs: { send: S; recv: R }[] = [];
  const unsent: S[] = [];
  const matched = new Set<number>();
  let recvIndex = 0;
  let recvEnd = received[0]?.size ?? 0; // the stream offset just past the current receive
  let offset = 0;
  for (const send of sent) {
    while (recvIndex < received.length && recvEnd <= offset) {
      recvIndex += 1;
      recvEnd += received[recvIndex]?.size ?? 0;
    }
    const recv = received[recvIndex];
    if (recv && offset < recvEnd) {
      pairs.push({ send: send.item, recv: recv.item });
      matched.add(recvIndex);
    } else unsent.push(send.item);
    offset += send.size;
  }
  // A receive holds sent bytes if it starts before the end of what was sent.
  let start = 0;
  const unmatched: R[] = [];
  received.forEach((recv, index) => {
    if (!matched.has(index) && start >= offset) unmatched.push(recv.item);
    start += recv.size;
  });
  return { pairs, unsent, unmatched };
}
