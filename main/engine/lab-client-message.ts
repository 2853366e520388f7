/**
 * What the lab's own clients send first (main/engine/children): `client:process=<pid>` from a process or
 * python client, `client:thread=<n>` from thread n of a thread run. An outsider could send the same.
 */
const LAB_CLIENT_MESSAGE = /^client:(process|thread)=(\d+)$/;

/** Longer than any lab client's first message: longer data is never decoded to check. */
const LAB_MESSAGE_MAX_BYTES = 40;

// The base64 every such message starts with (the 54 bits of `client:` that fill whole characters).
const LAB_CLIENT_BASE64 = btoa('client:').slice(0, 9);

export interface LabClientMessage {
  by: 'process' | 'thread';
  /** The pid, or the thread number. */
  id: number;
}

/**
 * The lab client's message in a conn:data payload (base64, `size` bytes), or null. Only short data that starts
 * like one is decoded, so a flood of other traffic costs no decoding.
 */
export function labClientMessage(data: string, size: number): LabClientMessage | null {
  if (size > LAB_MESSAGE_MAX_BYTES || !data.startsWith(LAB_CLIENT_BASE64)) return null;
  const match = LAB_CLIENT_MESSAGE.exec(atob(data));
  return match ? { by: match[1] as LabClientMessage['by'], id: Number(match[2]) } : null;
}
