import { FitAddon } from '@xterm/addon-fit';
import { type ISearchOptions, SearchAddon } from '@xterm/addon-search';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { LabStore } from '../store/lab-store';
import { attachScript, type ScriptSink } from './script-sink';
import { type ColorScheme, searchColours, terminalTheme } from './terminal-theme';
import { TextMirror } from './text-mirror';

export interface SearchResults {
  index: number;
  count: number;
}

/** One terminal that shows one script at a time, with fit, search, clear and copy. */
export class OutputView {
  private readonly term: Terminal;
  private readonly fit = new FitAddon();
  private readonly search = new SearchAddon({ highlightLimit: 2_000 });
  private readonly mirror: TextMirror;
  private readonly resize: ResizeObserver;
  private scheme: ColorScheme;
  private sink: ScriptSink | null = null;
  private shown: { store: LabStore; scriptId: number } | null = null;
  /** Where each script was last cleared: its output before that is not shown again. */
  private readonly clearedAt = new Map<number, number>();

  constructor(host: HTMLElement, mirrorRoot: HTMLElement, scheme: ColorScheme) {
    this.scheme = scheme;
    this.term = new Terminal({
      convertEol: true,
      disableStdin: true,
      cursorBlink: false,
      cursorInactiveStyle: 'none',
      scrollback: 10_000,
      fontSize: 13,
      lineHeight: 1.25,
      fontFamily: 'ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      theme: terminalTheme(scheme),
      minimumContrastRatio: 4.5, // dim text (the exit line) stays readable in both themes
      allowProposedApi: true, // search highlights are decorations, still a proposed API
    });
    this.term.loadAddon(this.fit);
    this.term.loadAddon(this.search);
    this.term.open(host);
    // Output only, and read by screen readers from the mirror: its input field takes no Tab stop.
    if (this.term.textarea) this.term.textarea.tabIndex = -1;
    this.mirror = new TextMirror(mirrorRoot);
    this.resize = new ResizeObserver(() => this.refit());
    this.resize.observe(host);
    this.refit();
  }

  show(store: LabStore, scriptId: number): void {
    if (this.shown?.store === store && this.shown.scriptId === scriptId) return;
    this.sink?.detach();
    this.term.reset();
    this.mirror.clear();
    this.shown = { store, scriptId };
    this.sink = attachScript(store, scriptId, this.term, this.mirror, this.clearedAt.get(scriptId) ?? 0);
  }

  clear(): void {
    if (!this.shown || !this.sink) return;
    this.clearedAt.set(this.shown.scriptId, this.sink.written);
    this.term.reset();
    this.mirror.clear();
    this.search.clearDecorations();
  }

  setScheme(scheme: ColorScheme): void {
    this.scheme = scheme;
    this.term.options.theme = terminalTheme(scheme);
  }

  /** Typing extends the current match; Enter moves to the next one, Shift+Enter to the previous. */
  find(text: string, how: 'typing' | 'next' | 'previous'): void {
    if (text === '') {
      this.search.clearDecorations();
      this.term.clearSelection();
      return;
    }
    const colours = searchColours(this.scheme);
    const options: ISearchOptions = {
      incremental: how === 'typing',
      decorations: {
        matchBackground: colours.match,
        activeMatchBackground: colours.active,
        matchOverviewRuler: colours.ruler,
        activeMatchColorOverviewRuler: colours.ruler,
      },
    };
    if (how === 'previous') this.search.findPrevious(text, options);
    else this.search.findNext(text, options);
  }

  onResults(listener: (results: SearchResults) => void): () => void {
    const subscription = this.search.onDidChangeResults(({ resultIndex, resultCount }) =>
      listener({ index: resultIndex, count: resultCount }),
    );
    return () => subscription.dispose();
  }

  /** The selection if there is one, else everything shown, as plain text. */
  copyText(): string {
    return this.term.hasSelection() ? this.term.getSelection() : this.mirror.text();
  }

  dispose(): void {
    this.sink?.detach();
    this.resize.disconnect();
    this.term.dispose();
  }

  private refit(): void {
    // A hidden or collapsed host has no size to fit to.
    if (this.term.element?.offsetParent === null) return;
    try {
      this.fit.fit();
    } catch {
      // not laid out yet
    }
  }
}
