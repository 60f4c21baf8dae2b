import { useCallback, useState } from 'react';
import type { ReviewPacket } from '../../../../shared/ipc/contract';
import { messageOf } from '../../data/api';
import { PrintView } from './PrintView';
import { savePdfSummary } from './reviewData';

/** "Save PDF summary": renders the print view, has main print the window to PDF, shows where it went. */
export function SavePdfPanel({ packet }: { packet: ReviewPacket }) {
  const [printing, setPrinting] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const print = useCallback(async () => {
    try {
      setSaved(await savePdfSummary(packet.packetId));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setPrinting(false);
    }
  }, [packet.packetId]);

  return (
    <div className="packet-output">
      <button
        type="button"
        className="secondary"
        disabled={printing}
        onClick={() => {
          setError(null);
          setSaved(null);
          setPrinting(true);
        }}
      >
        {printing ? 'Saving the PDF…' : 'Save PDF summary'}
      </button>
      <div role="status">
        {saved && (
          <p>
            PDF saved to <code className="path">{saved}</code>.
          </p>
        )}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {printing && <PrintView packet={packet} onReady={print} />}
    </div>
  );
}
