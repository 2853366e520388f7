import { downloadBlob } from '../lib/download';
import { stampedName } from '../lib/file-names';
import type { TimelineController } from './timeline-controller';

/** The timeline as it is on screen: a PNG of the canvas, or the same drawing as SVG. */
export function PictureButtons({ controller }: { controller: TimelineController }) {
  const png = async () => {
    const blob = await controller.toPng();
    if (blob) downloadBlob(blob, `${stampedName('ipc-scope-timeline')}.png`);
  };
  const svg = () => {
    const text = controller.toSvg('IPC Scope timeline');
    if (text)
      downloadBlob(new Blob([text], { type: 'image/svg+xml' }), `${stampedName('ipc-scope-timeline')}.svg`);
  };
  return (
    <fieldset className="toolbar-group">
      <legend className="visually-hidden">Save the timeline as a picture</legend>
      <button
        type="button"
        className="tool"
        data-testid="export-png"
        onClick={() => void png()}
        title="Save as PNG"
      >
        PNG
      </button>
      <button type="button" className="tool" data-testid="export-svg" onClick={svg} title="Save as SVG">
        SVG
      </button>
    </fieldset>
  );
}
