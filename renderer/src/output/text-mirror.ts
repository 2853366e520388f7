import type { OutputStream } from '../../../contract/events';
import { stripAnsi } from './strip-ansi';

/** Characters the mirror keeps; the terminal's scrollback is bounded too. */
const MIRROR_LIMIT = 1024 * 1024;

/**
 * The output as plain text in the DOM, for screen readers, find-in-page and tests. It is written directly,
 * like the terminal: one span per run of the same stream, extended in place.
 */
export class TextMirror {
  private chars = 0;
  private last: { stream: OutputStream | 'note'; node: Text } | null = null;

  constructor(private readonly root: HTMLElement) {}

  append(stream: OutputStream | 'note', raw: string): void {
    const text = stripAnsi(raw);
    if (text === '') return;
    if (this.last?.stream === stream) this.last.node.appendData(text);
    else {
      const span = document.createElement('span');
      span.className = `stream-${stream}`;
      const node = document.createTextNode(text);
      span.append(node);
      this.root.append(span);
      this.last = { stream, node };
    }
    this.chars += text.length;
    this.trim();
  }

  clear(): void {
    this.root.replaceChildren();
    this.chars = 0;
    this.last = null;
  }

  text(): string {
    return this.root.textContent ?? '';
  }

  /** Drops whole spans from the front; the newest span may run past the limit on its own. */
  private trim(): void {
    while (this.chars > MIRROR_LIMIT && this.root.childElementCount > 1) {
      const first = this.root.firstChild;
      if (!first) break;
      this.chars -= first.textContent?.length ?? 0;
      first.remove();
    }
  }
}
