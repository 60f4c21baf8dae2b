import { useCallback, useState } from 'react';
import type { ReviewPacket } from '../../../../shared/ipc/contract';
import { ShowInFolderButton } from '../../components/ShowInFolderButton';
import { messageOf } from '../../data/api';
import { summaryFileName } from './exportFileNames';
import { PrintView } from './PrintView';
import { chooseSavePath, savePdfSummary } from './reviewData';

/**
 * "Save PDF summary…": where to save it (the save dialog), then the print view, printed by main
 * to a PDF there; shows where it went, with Show in folder.
 */
export function SavePdfPanel({ packet }: { packet: ReviewPacket }) {
  /** The path chosen in the dialog while the print view is up. */
  const [printing, setPrinting] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [saved, setSaved] = useState<{ path: string; fileId: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const print = useCallback(async () => {
    if (!printing) return;
    try {
      setSaved(await savePdfSummary(packet.packetId, printing));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setPrinting(null);
    }
  }, [packet.packetId, printing]);

  async function choose() {
    setError(null);
    setSaved(null);
    setChoosing(true);
    try {
      setPrinting(await chooseSavePath('review-summary', summaryFileName(packet)));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setChoosing(false);
    }
  }

  return (
    <div className="packet-output">
      <button
        type="button"
        className="secondary"
        disabled={printing !== null || choosing}
        onClick={() => void choose()}
      >
        {printing ? 'Saving the PDF…' : 'Save PDF summary…'}
      </button>
      <div role="status">
        {saved && (
          <p>
            PDF saved to <code className="path">{saved.path}</code>.{' '}
            <ShowInFolderButton fileId={saved.fileId} />
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
