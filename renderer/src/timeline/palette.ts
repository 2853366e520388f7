import { COLOURS, type Palette } from './scene';

/**
 * Resolves the timeline's colours from CSS custom properties (--tl-<name>) through a probe element, so
 * light-dark() values and any theme switch come out as plain colours the canvas understands.
 */
export function resolvePalette(host: Element): Palette {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  host.appendChild(probe);
  const palette = {} as Palette;
  for (const name of COLOURS) {
    probe.style.color = `var(--tl-${name})`;
    palette[name] = getComputedStyle(probe).color;
  }
  probe.remove();
  return palette;
}

/** Calls `changed` whenever the theme may have changed: the OS scheme, or a class or attribute on <html>. */
export function watchTheme(changed: () => void): () => void {
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', changed);
  const observer = new MutationObserver(changed);
  observer.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['class', 'style', 'data-theme'],
  });
  return () => {
    media.removeEventListener('change', changed);
    observer.disconnect();
  };
}
