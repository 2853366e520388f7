// Python 3's repr() of a bytes object, byte for byte (Objects/bytesobject.c, PyBytes_Repr with smartquotes).

const HEX = '0123456789abcdef';
const SINGLE = 0x27; // '
const DOUBLE = 0x22; // "
const BACKSLASH = 0x5c;

/** How each byte is written inside single quotes; inside double quotes only `'` and `"` differ. */
const ESCAPED: readonly string[] = Array.from({ length: 256 }, (_, byte) => {
  if (byte === SINGLE) return "\\'";
  if (byte === BACKSLASH) return '\\\\';
  if (byte === 0x09) return '\\t';
  if (byte === 0x0a) return '\\n';
  if (byte === 0x0d) return '\\r';
  if (byte < 0x20 || byte >= 0x7f) return `\\x${HEX[byte >> 4]}${HEX[byte & 15]}`;
  return String.fromCharCode(byte);
});

function needsEscape(byte: number, quote: number): boolean {
  return byte < 0x20 || byte >= 0x7f || byte === BACKSLASH || byte === quote;
}

export function pythonBytesRepr(bytes: Uint8Array): string {
  const length = bytes.length;
  // Python picks double quotes only when the bytes hold a single quote and no double quote.
  let quote = SINGLE;
  if (bytes.indexOf(SINGLE) !== -1 && bytes.indexOf(DOUBLE) === -1) quote = DOUBLE;
  const q = quote === SINGLE ? "'" : '"';
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, length);

  // Runs of plain bytes are copied in one slice; the usual client message is a single run.
  let out = `b${q}`;
  let runStart = 0;
  for (let i = 0; i < length; i++) {
    const byte = bytes[i] as number;
    if (!needsEscape(byte, quote)) continue;
    if (i > runStart) out += buffer.toString('latin1', runStart, i);
    out += ESCAPED[byte];
    runStart = i + 1;
  }
  if (length > runStart) out += buffer.toString('latin1', runStart, length);
  return `${out}${q}`;
}

/** What the classic server sends back for the first chunk it received, as text (pure ASCII). */
export function echoReplyText(firstChunk: Uint8Array): string {
  return `server got: [${pythonBytesRepr(firstChunk)}]`;
}
