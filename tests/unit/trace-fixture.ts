// Recorded strace output of the classic scripts (tests/fixtures/strace), mapped by the engine into the lab
// events a live trace of them makes: trace:start first, then every record in the order strace printed it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LabEventBody } from '../../contract/events';
import { parseStrace } from '../../main/engine/trace/strace-parse';
import { createTraceMapper } from '../../main/engine/trace/trace-events';
import { repoRoot } from '../paths';

export function traceEvents(name: string, traceId = 1): LabEventBody[] {
  const text = readFileSync(path.join(repoRoot, 'tests/fixtures/strace', `${name}.txt`), 'utf8');
  const mapper = createTraceMapper({ traceId, startedAtMs: 1_796_609_182_461, now: () => 0, started: true });
  const start: LabEventBody = {
    kind: 'trace:start',
    traceId,
    tracerPid: 1,
    pid: null,
    argv: ['/usr/bin/python3', `${name}.py`],
    attached: false,
    cwd: null,
    shell: false,
  };
  return [start, ...parseStrace(text).flatMap((record) => mapper.map(record))];
}
