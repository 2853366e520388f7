// CSI sequences (colours, cursor moves), OSC sequences (titles, links) and lone two-byte escapes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** Removes terminal escape sequences so coloured output reads as plain text. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
