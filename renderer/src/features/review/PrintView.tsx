import type { ReviewPacket } from '../../../../shared/ipc/contract';
import { PrintFrame } from '../../components/PrintFrame';
import { PacketView } from './PacketView';

/**
 * The PDF case summary: the packet laid out for paper, with the alias and the de-identified
 * mark at the top (the PDF footer repeats the mark with page numbers), in a PrintFrame (off
 * screen, printed alone). `onReady` fires once the charts have been measured and drawn.
 */
export function PrintView({ packet, onReady }: { packet: ReviewPacket; onReady: () => void }) {
  return (
    <PrintFrame className="print-root" onReady={onReady}>
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
    </PrintFrame>
  );
}
