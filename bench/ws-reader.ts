// A bare WebSocket client of the web host: the host's delivery without a renderer behind it.
import WebSocket from 'ws';
import { frameRecord } from './delivery';

export interface WsReader {
  /** Frame records, BATCH_FIELDS numbers each, as the page probe keeps them. */
  readonly batches: number[];
  lastSeq(): number;
  close(): void;
}

/** Connects to the lab's UI URL (token included), says hello, and records every events frame. */
export async function openWsReader(uiUrl: string): Promise<WsReader> {
  const url = new URL(uiUrl);
  const socket = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token') ?? ''}`);
  const batches: number[] = [];
  let last = 0;
  socket.on('message', (data) => {
    const record = frameRecord(data.toString(), performance.timeOrigin + performance.now());
    if (record === null) return;
    batches.push(...record);
    last = Math.max(last, record[2] as number);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const hello = new Promise<void>((resolve) => socket.once('message', () => resolve()));
  socket.send(JSON.stringify({ type: 'command', id: 1, name: 'lab:hello', payload: {} }));
  await hello;
  return { batches, lastSeq: () => last, close: () => socket.terminate() };
}
