import type { OutputStream } from '../../../contract/events';

/** A run of output from one stream; consecutive chunks of the same stream are joined. */
export interface Segment {
  stream: OutputStream;
  text: string;
}

/** What a program printed, as the store keeps it: a script's output, or a traced run's. */
export interface OutputText {
  segments: readonly Segment[];
  /** Characters held in `segments`. */
  chars: number;
  /** Characters this window let go to stay under its limit. */
  trimmedChars: number;
}

/** Appends in place: call it on a copy made for this batch, whose `segments` array is its own. */
export function appendOutput(output: OutputText, stream: OutputStream, text: string): void {
  const segments = output.segments as Segment[];
  const last = segments.at(-1);
  // Segments may be shared with the previous state, so replace rather than edit them.
  if (last?.stream === stream) segments[segments.length - 1] = { stream, text: last.text + text };
  else segments.push({ stream, text });
  output.chars += text.length;
}

/** Drops the oldest text past `limit`; done once per batch, as slicing a long string is not free. */
export function trimOutput(output: OutputText, limit: number): void {
  const segments = output.segments as Segment[];
  let excess = output.chars - limit;
  while (excess > 0 && segments.length > 0) {
    const first = segments[0] as Segment;
    const cut = Math.min(excess, first.text.length);
    if (cut === first.text.length) segments.shift();
    else segments[0] = { stream: first.stream, text: first.text.slice(cut) };
    output.chars -= cut;
    output.trimmedChars += cut;
    excess -= cut;
  }
}
