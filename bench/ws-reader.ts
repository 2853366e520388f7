// A bare WebSocket client of the web host: the host's delivery without a renderer behind it.
import WebSocket from 'ws';
import type { LabEvent } from '../contract';
import { frameRecord } from './delivery';

export interface WsReader {
  /** Frame records, BATCH_FIELDS numbers each, as the page probe keeps them. */
  readonly batches: number[];
  lastSeq(): number;
  /** Sends a command as a window would; its reply is not awaited. */
  command(name: string, payload: unknown): void;
  /** Calls `listener` with every live event from now on; returns the function that stops it. */
  onEvent(listener: (event: LabEvent) => void): () => void;
  close(): void;
}

/** Connects to the lab's UI URL (token included), says hello, and records every events frame. */
export async function openWsReader(uiUrl: string): Promise<WsReader> {
  const url = new URL(uiUrl);
  const socket = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token') ?? ''}`);
  const batches: number[] = [];
  const listeners = new Set<(event: LabEvent) => void>();
  let last = 0;
  socket.on('message', (data) => {
    const text = data.toString();
    const record = frameRecord(text, performance.timeOrigin + performance.now());
    if (record === null) return;
    batches.push(...record);
    last = Math.max(last, record[2] as number);
    if (listeners.size === 0) return;
    for (const event of (JSON.parse(text) as { events: LabEvent[] }).events) {
      for (const listener of listeners) listener(event);
    }
  });
  let nextId = 2;
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const hello = new Promise<void>((resolve) => socket.once('message', () => resolve()));
  socket.send(JSON.stringify({ type: 'command', id: 1, name: 'lab:hello', payload: {} }));
  await hello;
  return {
    batches,
    lastSeq: () => last,
    command: (name, payload) => socket.send(JSON.stringify({ type: 'command', id: nextId++, name, payload })),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => socket.terminate(),
  };
}
