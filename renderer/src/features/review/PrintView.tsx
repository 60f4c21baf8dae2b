import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { ReviewPacket } from '../../../../shared/ipc/contract';
import { PacketView } from './PacketView';

/**
 * The PDF case summary: the packet laid out for paper, with the alias and the de-identified
 * mark at the top (the PDF footer repeats the mark with page numbers). It is rendered beside the
 * app, off screen and inert, only while printing; `@media print` in review.css hides everything
 * else, so Electron's printToPDF (and Chromium's in the tests) prints this view alone.
 * `onReady` fires once the charts have been measured and drawn.
 */
export function PrintView({ packet, onReady }: { packet: ReviewPacket; onReady: () => void }) {
  const fired = useRef(false);
  useEffect(() => {
    let inner = 0;
    // Two frames: the charts measure their width in a layout effect, then draw at that width.
    const outer = requestAnimationFrame(() => {
      inner = requestAnimationFrame(() => {
        if (fired.current) return;
        fired.current = true;
        onReady();
      });
    });
    return () => {
      cancelAnimationFrame(outer);
      cancelAnimationFrame(inner);
    };
  }, [onReady]);

  return createPortal(
    <div className="print-root" inert>
      <article className="print-view">
        <header className="print-head">
          <h1>Case summary · {packet.alias}</h1>
          <p className="deid-mark">De-identified</p>
          <p className="small">
            Prepared for clinical supervision. The client appears only as “{packet.alias}”; names are replaced
            {packet.dateShiftApplied ? ' and every date is shifted' : ''}. Confidential: do not copy or pass
            on.
          </p>
        </header>
        <PacketView packet={packet} sectionLevel={2} />
      </article>
    </div>,
    document.body,
  );
}
