import { afterEach, describe, expect, it } from 'vitest';
import { MAX_EXTRA_KEPT_BYTES } from '../../contract';
import { DEFAULT_MAX_SCRIPTS, DEFAULT_OUTPUT_BUDGET_BYTES } from '../../main/engine/redirect';
import { MAX_WAITING_BYTES } from '../../main/web/event-sender';
import { TEST_TIMEOUT, TIMEOUT, waitFor } from '../timeouts';
import {
  floodAfterReply,
  printingScript,
  probedWhile,
  rssOf,
  stallWhileAsking,
  watchPeakRss,
} from './flood-clients';
import { labSocket, ofKind, type Serve, spawnServe } from './reliability-helpers';

const MiB = 2 ** 20;
/** The engine's peak RSS stays under its byte budgets (history, live script output) plus this. */
const MARGIN = 150 * MiB;
const HISTORY_BYTES = 64 * MiB;

describe('floods: the lab stays bounded in bytes', () => {
  let serve: Serve | null = null;
  afterEach(async () => {
    serve?.child.kill('SIGINT');
    await serve?.exited;
    serve = null;
  });

  async function start(): Promise<{ serve: Serve; echoPort: number }> {
    serve = await spawnServe(['--echo-port', '0', '--ui-port', '0', '--history-bytes', '64M']);
    return { serve, echoPort: Number(serve.echo.split(':').pop()) };
  }

  it('keeps 64 KB of 1 GB sent after the reply, counts the rest, and answers fresh clients throughout', async () => {
    const { serve, echoPort } = await start();
    const lab = await labSocket(serve.uiUrl);
    await lab.command('lab:hello', {});
    const peak = watchPeakRss(serve.pid);
    const before = rssOf(serve.pid);
    const { probes } = await probedWhile(echoPort, () => floodAfterReply(echoPort, 1024 * MiB));
    const peakRss = peak();

    const summary = await waitFor(
      () => ofKind(lab.events, 'conn:extra').find((event) => event.ignored),
      'the summary of the ignored bytes',
      TIMEOUT.io,
    );
    expect(summary.size).toBe(1024 * MiB - MAX_EXTRA_KEPT_BYTES);
    const kept = ofKind(lab.events, 'conn:extra').filter(
      (event) => event.connId === summary.connId && !event.ignored,
    );
    expect(kept.reduce((sum, event) => sum + event.size, 0)).toBe(MAX_EXTRA_KEPT_BYTES);
    expect(peakRss - before).toBeLessThan(HISTORY_BYTES + MARGIN);
    expect(probes.length).toBeGreaterThan(0); // every probe was answered; how fast is the bench's to say
    lab.close();
  });

  it(`refuses scripts past ${DEFAULT_MAX_SCRIPTS} with a clear error while 100 try to print 5 MB each`, async () => {
    const { serve } = await start();
    const lab = await labSocket(serve.uiUrl);
    await lab.command('lab:hello', {});
    const peak = watchPeakRss(serve.pid);
    const before = rssOf(serve.pid);
    const argv = printingScript(5_000_000);
    const replies = await Promise.all(
      Array.from({ length: 100 }, () => lab.command('script:run', { argv, mode: 'pipe' })),
    );
    const refused = replies.filter((reply) => !reply.ok);
    expect(replies.filter((reply) => reply.ok)).toHaveLength(DEFAULT_MAX_SCRIPTS);
    expect(refused).toHaveLength(100 - DEFAULT_MAX_SCRIPTS);
    expect(refused[0]).toEqual({
      ok: false,
      error: `cannot run "sh": ${DEFAULT_MAX_SCRIPTS} scripts are running, the most the lab runs at once; wait for one to end`,
    });
    await waitFor(
      () => (ofKind(lab.events, 'script:exit').length === DEFAULT_MAX_SCRIPTS ? true : undefined),
      'every accepted script to end',
      TIMEOUT.manyChildren,
    );
    // The test's window reads the output's events as they come; starved of CPU, it falls behind, and what
    // waits for it is held up to the sender's budget (a loaded CI run went 0.3 MB past the bound without it).
    const budgets = HISTORY_BYTES + DEFAULT_OUTPUT_BUDGET_BYTES + MAX_WAITING_BYTES;
    expect(peak() - before).toBeLessThan(budgets + MARGIN);
    // What a script printed past its output cap is counted, not lost silently.
    expect(ofKind(lab.events, 'script:dropped').length).toBeGreaterThan(0);
    lab.close();
  });

  it(
    'closes a stalled window that keeps sending commands (1013) before its replies pile up',
    async () => {
      const { serve } = await start();
      const lab = await labSocket(serve.uiUrl);
      await lab.command('lab:hello', {});
      const peak = watchPeakRss(serve.pid);
      const before = rssOf(serve.pid);
      const { code } = await stallWhileAsking(lab, serve.pid);
      expect(code).toBe(1013);
      // The window's replies pile up to the sender's bound, never past it; then it is closed.
      expect(peak() - before).toBeLessThan(HISTORY_BYTES + MAX_WAITING_BYTES + MARGIN);
    },
    TEST_TIMEOUT.heavy,
  );
});
