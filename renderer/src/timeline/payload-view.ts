import { hexOf } from '../../../contract/compose';

const ESCAPES: Record<number, string> = { 9: '\\t', 10: '\\n', 13: '\\r', 92: '\\\\' };

/** Bytes as text the way Python's repr shows them: printable ASCII as is, the rest escaped. */
export function escapedText(bytes: Uint8Array, limit = bytes.length): string {
  let out = '';
  const end = Math.min(limit, bytes.length);
  for (let i = 0; i < end; i++) {
    const b = bytes[i] as number;
    out +=
      ESCAPES[b] ??
      (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`);
  }
  return end < bytes.length ? `${out}…` : out;
}

/** A classic hex dump: offset, 16 bytes in hex, and the printable ones beside them. */
export function hexDump(bytes: Uint8Array, limit = 4_096): string {
  const lines: string[] = [];
  const end = Math.min(limit, bytes.length);
  for (let offset = 0; offset < end; offset += 16) {
    const row = bytes.subarray(offset, Math.min(offset + 16, end));
    const hex = hexOf(row);
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(6, '0')}  ${hex.padEnd(47)}  |${ascii}|`);
  }
  if (end < bytes.length) lines.push(`… ${(bytes.length - end).toLocaleString('en-US')} more bytes`);
  return lines.join('\n');
}
