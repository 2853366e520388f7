// The lab under test: the real engine and web host, in a process of their own so their CPU and RSS are theirs.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLab } from '../../main/engine/lab';
import { startWebHost } from '../../main/web/web-host';
import { cpuMicros } from './cpu';
import { serveRpc } from './rpc-child';
import { createSynth, type SynthRequest } from './synth';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    capacity: { type: 'string' },
  },
});
const out = path.resolve(values.out ?? 'out');
const lab = createLab({
  host: 'web',
  childrenDir: path.join(out, 'children'),
  echo: { port: 0 },
  historyCapacity: values.capacity === undefined ? undefined : Number(values.capacity),
});
const synth = createSynth(lab.log);
const started = (async () => {
  await lab.start();
  const web = await startWebHost({ lab, rendererDir: path.join(out, 'renderer') });
  return { web, echoPort: lab.info().echo.port };
})();

/** Memory in MB, after a full collection when the process runs with --expose-gc. */
function memory() {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
  const usage = process.memoryUsage();
  const mb = (bytes: number) => bytes / 1e6;
  return {
    rssMb: mb(usage.rss),
    heapUsedMb: mb(usage.heapUsed),
    heapTotalMb: mb(usage.heapTotal),
    externalMb: mb(usage.external),
    collected: collect !== undefined,
  };
}

export const labHostApi = {
  ready: () => started.then(() => true),
  info: async () => {
    const { web, echoPort } = await started;
    return { url: web.url, echoPort, pid: process.pid, startedAtMs: lab.info().startedAtMs };
  },
  cpu: () => cpuMicros(),
  synth: (request: SynthRequest) => synth.run(request),
  history: () => ({
    size: lab.log.size,
    capacity: lab.log.capacity,
    evicted: lab.log.evicted,
    lastSeq: lab.log.lastSeq,
  }),
  clear: () => lab.log.clear(),
  memory,
  /** The most RSS the process has had since the last resetPeak (VmHWM), in MB. */
  peakRssMb: () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1e3,
  /** Starts the peak over from the current RSS (Linux: "5" resets VmHWM). */
  resetPeak: () => writeFileSync('/proc/self/clear_refs', '5'),
};
export type LabHostApi = typeof labHostApi;

serveRpc(labHostApi, async () => {
  const { web } = await started;
  await web.close();
  await lab.shutdown();
});
