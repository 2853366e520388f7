import { hexOf } from '../../../contract/compose';

/** Bytes shown as text when they read as text, else as hex: what a client sent, at a glance. */
export interface PayloadView {
  text: string;
  hex: boolean;
}

const PREVIEW_BYTES = 64;

/** Bytes from base64, as the engine sends payloads. */
export function base64Bytes(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Printable ASCII plus tab, CR and LF; anything else (UTF-8 included) is shown as hex to stay exact. */
function isPlainText(bytes: Uint8Array): boolean {
  return bytes.every((b) => (b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d);
}

/** A short view of a payload: text with escapes for line ends, or hex; `…` marks a cut. */
export function previewPayload(data: string, limit = PREVIEW_BYTES): PayloadView {
  const bytes = base64Bytes(data);
  const shown = bytes.subarray(0, limit);
  const more = bytes.length > limit ? '…' : '';
  if (isPlainText(bytes)) {
    const text = String.fromCharCode(...shown)
      .replaceAll('\r', '\\r')
      .replaceAll('\n', '\\n')
      .replaceAll('\t', '\\t');
    return { text: text + more, hex: false };
  }
  return { text: hexOf(shown) + more, hex: true };
}
