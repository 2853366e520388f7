import { base64Bytes, previewPayload } from '../lib/payload';
import type { TraceCall } from './sequence-types';

/** Bytes joined for a label: more than a label shows is never needed. */
const LABEL_BYTES = 64;

/** An arrow's label: the bytes the calls moved, as text or hex, and how many there were. */
export function payloadLabel(calls: readonly TraceCall[]): { label: string; hex: boolean } {
  const size = calls.reduce((sum, call) => sum + Math.max(0, call.result ?? 0), 0);
  const parts: number[] = [];
  for (const call of calls) {
    if (parts.length > LABEL_BYTES) break;
    if (call.data) parts.push(...base64Bytes(call.data).subarray(0, LABEL_BYTES + 1));
  }
  const bytes = `${size} B`;
  if (parts.length === 0) return { label: bytes, hex: false };
  const cut = parts.length > LABEL_BYTES || parts.length < size;
  const preview = previewPayload(btoa(String.fromCharCode(...parts.slice(0, LABEL_BYTES))), LABEL_BYTES);
  const text = preview.hex ? preview.text : `"${preview.text}"`;
  return { label: `${text}${cut && !preview.text.endsWith('…') ? '…' : ''} · ${bytes}`, hex: preview.hex };
}
