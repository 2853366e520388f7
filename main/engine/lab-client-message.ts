/**
 * What the lab's own clients send first (main/engine/children): `client:process=<pid>` from a process or
 * python client, `client:thread=<n>` from thread n of a thread run. An outsider could send the same.
 */
const LAB_CLIENT_MESSAGE = /^client:(process|thread)=(\d+)$/;

/** Longer than any lab client's first message: longer data is never read as text to check. */
const LAB_MESSAGE_MAX_BYTES = 40;

export interface LabClientMessage {
  by: 'process' | 'thread';
  /** The pid, or the thread number. */
  id: number;
}

/** The lab client's message in a connection's first chunk, or null; a long chunk is never read as text. */
export function labClientMessage(chunk: Buffer): LabClientMessage | null {
  if (chunk.length > LAB_MESSAGE_MAX_BYTES) return null;
  const match = LAB_CLIENT_MESSAGE.exec(chunk.toString('latin1'));
  return match ? { by: match[1] as LabClientMessage['by'], id: Number(match[2]) } : null;
}
