import type { OutputStream, RedirectMode } from '../../../contract/events';
import { MapDraft } from './draft';
import { appendOutput, type OutputText, trimOutput } from './output-text';
import type { BeginBatch, SliceContext } from './slice';

export type { Segment } from './output-text';

export interface Script extends OutputText {
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
          appendOutput(script, event.stream, event.text);
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
        if (script) trimOutput(script, SCRIPT_TEXT_LIMIT);
      }
      return { scripts: scripts.result(), latestScriptId };
    },
  };
};
