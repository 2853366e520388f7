import type { OutputStream, RedirectMode } from '../../../contract/events';
import { MapDraft } from './draft';
import type { BeginBatch, SliceContext } from './slice';

/** A run of output from one stream; consecutive chunks of the same stream are joined. */
export interface Segment {
  stream: OutputStream;
  text: string;
}

export interface Script {
  scriptId: number;
  argv: readonly string[];
  cwd: string;
  mode: RedirectMode;
  shell: boolean;
  /** Whether Python was told not to buffer; null in files from before the choice. */
  unbuffered: boolean | null;
  pid: number | null;
  connId: number | null;
  startedAt: number;
  /** Lab time of the newest output, or of the start while there is none: how long it has been quiet. */
  lastOutputAt: number;
  segments: readonly Segment[];
  /** Characters held in `segments`. */
  chars: number;
  /** Characters this window let go to stay under SCRIPT_TEXT_LIMIT. */
  trimmedChars: number;
  /** Bytes the lab itself dropped past its per-script cap (running totals by stream), and that cap. */
  dropped: Record<OutputStream, number>;
  dropLimit: number | null;
  exit: { code: number | null; signal: string | null } | null;
  /** Why the script could not run. */
  error: string | null;
}

export interface ScriptRequest {
  argv: string[];
  cwd?: string;
  mode: RedirectMode;
  shell?: boolean;
  unbuffered?: boolean;
}

export interface ScriptsData {
  scripts: ReadonlyMap<number, Script>;
  latestScriptId: number | null;
}

export interface ScriptsSlice extends ScriptsData {
  runScript(request: ScriptRequest): Promise<void>;
}

/** Text kept per script: the newest 1 MiB of characters. */
export const SCRIPT_TEXT_LIMIT = 1024 * 1024;

const initialScripts: ScriptsData = { scripts: new Map(), latestScriptId: null };

export function createScriptsSlice({ command }: SliceContext): ScriptsSlice {
  return {
    ...initialScripts,
    async runScript(request) {
      await command('script:run', request);
    },
  };
}

function newScript(scriptId: number, argv: readonly string[], t: number): Script {
  return {
    scriptId,
    argv,
    cwd: '',
    mode: 'pipe',
    shell: false,
    unbuffered: null,
    pid: null,
    connId: null,
    startedAt: t,
    lastOutputAt: t,
    segments: [],
    chars: 0,
    trimmedChars: 0,
    dropped: { stdout: 0, stderr: 0 },
    dropLimit: null,
    exit: null,
    error: null,
  };
}

function copyScript(script: Script): Script {
  return { ...script, segments: [...script.segments], dropped: { ...script.dropped } };
}

function append(script: Script, stream: OutputStream, text: string): void {
  const segments = script.segments as Segment[];
  const last = segments.at(-1);
  // Segments may be shared with the previous state, so replace rather than edit them.
  if (last?.stream === stream) segments[segments.length - 1] = { stream, text: last.text + text };
  else segments.push({ stream, text });
  script.chars += text.length;
}

/** Drops the oldest text past the limit; done once per batch, as slicing a long string is not free. */
function trim(script: Script): void {
  const segments = script.segments as Segment[];
  let excess = script.chars - SCRIPT_TEXT_LIMIT;
  while (excess > 0 && segments.length > 0) {
    const first = segments[0] as Segment;
    const cut = Math.min(excess, first.text.length);
    if (cut === first.text.length) segments.shift();
    else segments[0] = { stream: first.stream, text: first.text.slice(cut) };
    script.chars -= cut;
    script.trimmedChars += cut;
    excess -= cut;
  }
}

export const beginScriptsBatch: BeginBatch = (state) => {
  const scripts = new MapDraft(state.scripts, copyScript);
  const grown = new Set<number>();
  let latestScriptId = state.latestScriptId;
  const edit = (scriptId: number, argv: readonly string[], t: number): Script => {
    const existing = scripts.edit(scriptId);
    if (existing) return existing;
    const script = newScript(scriptId, argv, t);
    scripts.put(scriptId, script);
    latestScriptId = Math.max(latestScriptId ?? 0, scriptId);
    return script;
  };
  return {
    apply(event) {
      switch (event.kind) {
        case 'script:start': {
          const script = edit(event.scriptId, event.argv, event.t);
          Object.assign(script, {
            argv: event.argv,
            cwd: event.cwd,
            mode: event.mode,
            shell: event.shell,
            unbuffered: event.unbuffered ?? null,
            pid: event.pid,
            connId: event.connId ?? null,
            startedAt: event.t,
            lastOutputAt: Math.max(script.lastOutputAt, event.t),
          });
          break;
        }
        case 'script:output': {
          const script = edit(event.scriptId, [], event.t);
          append(script, event.stream, event.text);
          script.lastOutputAt = event.t;
          if (script.chars > SCRIPT_TEXT_LIMIT) grown.add(event.scriptId);
          break;
        }
        case 'script:dropped': {
          const script = edit(event.scriptId, [], event.t);
          script.dropped[event.stream] = event.bytes; // a running total per stream
          script.dropLimit = event.limit;
          break;
        }
        case 'script:exit':
          edit(event.scriptId, [], event.t).exit = { code: event.code, signal: event.signal };
          break;
        case 'script:error':
          edit(event.scriptId, event.argv, event.t).error = event.message;
          break;
      }
    },
    finish() {
      for (const scriptId of grown) {
        const script = scripts.edit(scriptId);
        if (script) trim(script);
      }
      return { scripts: scripts.result(), latestScriptId };
    },
  };
};
