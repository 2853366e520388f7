// The memory scenario's flood rows: what one local process can do to the lab, and what the lab's peak RSS was.
import {
  floodAfterReply,
  printingScript,
  probedWhile,
  stallWhileAsking,
} from '../tests/integration/flood-clients';
import { labSocket } from '../tests/integration/reliability-helpers';
import type { Proc } from './proc';
import type { LabHostApi } from './procs/lab-host';
import { percentile } from './stats';

export interface FloodRow {
  what: string;
  enginePeakMb: number;
  outcome: string;
}

const GiB = 2 ** 30;

/** Runs each flood against the lab host, its peak RSS (VmHWM) reset before each. */
export async function floodRows(lab: Proc<LabHostApi>, uiUrl: string, echoPort: number): Promise<FloodRow[]> {
  const rows: FloodRow[] = [];
  const measured = async (what: string, run: () => Promise<string>) => {
    await lab.call('clear');
    await lab.call('resetPeak');
    const outcome = await run();
    rows.push({ what, enginePeakMb: await lab.call('peakRssMb'), outcome });
  };

  await measured('1 GB after the reply, on one connection', async () => {
    const { probes } = await probedWhile(echoPort, () => floodAfterReply(echoPort, GiB));
    return `64 KB kept, the rest counted; ${probes.length} fresh clients answered, p95 ${percentile(probes, 95).toFixed(1)} ms, max ${Math.max(...probes).toFixed(1)} ms`;
  });

  await measured('100 scripts printing 5 MB each', async () => {
    const socket = await labSocket(uiUrl);
    await socket.command('lab:hello', {});
    const argv = printingScript(5_000_000);
    const replies = await Promise.all(
      Array.from({ length: 100 }, () => socket.command('script:run', { argv, mode: 'pipe' })),
    );
    const started = replies.filter((reply) => reply.ok).length;
    const deadline = Date.now() + 60_000;
    while (
      socket.events.filter((event) => event.kind === 'script:exit').length < started &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    socket.close();
    return `${started} ran, ${replies.length - started} refused with the reason`;
  });

  await measured('a stalled window that keeps sending commands', async () => {
    const socket = await labSocket(uiUrl);
    await socket.command('lab:hello', {});
    // Reading resumes once the host has worked through the commands, as in the reliability test: resumed at
    // once, the window drains the replies before they pile up, and the row says nothing of the bound.
    const { code, sent } = await stallWhileAsking(socket, lab.pid);
    return `closed with ${code} after ${sent.toLocaleString('en')} commands`;
  });
  return rows;
}
