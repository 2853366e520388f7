import { hexOf } from '../../../contract/compose';
import { base64Bytes, previewPayload } from '../lib/payload';
import type { ComposerConn } from '../store/composer-slice';
import type { Connection } from '../store/connections-slice';

/** One line of a composer connection's story: a send or a chunk received, with what it held. */
export interface TranscriptRow {
  key: number;
  /** Lab time since the connection opened, µs. */
  sinceOpenUs: number;
  direction: 'sent' | 'received';
  /** The bytes as text with escapes, or as hex when they are not text. */
  text: string;
  hex: string;
  size: number;
  /** Sent bytes the lab's server read after its one recv() and never answered. */
  ignored: boolean;
}

/** Long enough to read a reply whole; the hex beside it is always complete. */
const TEXT_LIMIT = 4_096;

/**
 * The composer connection's sends and receives in order. Against the lab's server, whose first recv()
 * is the only one it answers, every byte past that first chunk is marked ignored.
 */
export function transcriptOf(composer: ComposerConn, labSide: Connection | undefined): TranscriptRow[] {
  const answered = labSide?.sent != null ? labSide.sentSize : Number.POSITIVE_INFINITY;
  let sentBefore = 0;
  return composer.exchanges.map((exchange, key) => {
    const ignored = exchange.direction === 'sent' && sentBefore >= answered;
    if (exchange.direction === 'sent') sentBefore += exchange.size;
    return {
      key,
      sinceOpenUs: exchange.t - composer.openedAt,
      direction: exchange.direction,
      text: previewPayload(exchange.data, TEXT_LIMIT).text,
      hex: hexOf(base64Bytes(exchange.data)),
      size: exchange.size,
      ignored,
    };
  });
}

/** Who closed first, in the composer's words. */
export function closeText(composer: ComposerConn): string | null {
  switch (composer.closedBy) {
    case 'composer':
      return 'you closed the connection first';
    case 'server':
      return `${composer.target} closed the connection first`;
    case 'error':
      return `the connection ended in an error${composer.error ? `: ${composer.error}` : ''}`;
    default:
      return null;
  }
}
