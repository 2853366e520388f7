// The echo scenarios' tally of the load generator's replies: every one must be the classic server's.
import type { LoadResult } from './procs/load-gen';

export interface Replies {
  ok: number;
  bad: number;
  /** The first wrong reply or error, with the server that gave it. */
  sample: string | null;
}

export function newReplies(): Replies {
  return { ok: 0, bad: 0, sample: null };
}

export function countReplies(replies: Replies, server: string, result: LoadResult): void {
  replies.ok += result.ok;
  replies.bad += result.wrong + result.errors;
  if (result.sample !== null) replies.sample ??= `${server}: ${result.sample}`;
}

export function allRepliesRight({ ok, bad }: Replies): boolean {
  return bad === 0 && ok > 0;
}

/** `Replies: 558,000 correct, 0 wrong or failed`, with the first wrong one when there is one. */
export function describeReplies({ ok, bad, sample }: Replies): string {
  return `Replies: ${ok.toLocaleString('en')} correct, ${bad} wrong or failed${sample ? ` (first: ${sample})` : ''}`;
}
