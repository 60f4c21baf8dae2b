import type { RecordSet } from '../../../../shared/ipc/contracts/recordsContract';
import { PrintFrame } from '../../components/PrintFrame';
import { RecordView } from './RecordView';
import './records.css';

/**
 * The record laid out for paper (PrintFrame: off screen, printed alone), with the record footer
 * and page numbers that main's printToPDF adds. `onReady` fires once it has been laid out.
 */
export function RecordPrintView({
  set,
  kind,
  onReady,
}: {
  set: RecordSet;
  kind: 'note' | 'client';
  onReady: () => void;
}) {
  return (
    <PrintFrame className="record-print-root" onReady={onReady}>
      <RecordView set={set} kind={kind} />
    </PrintFrame>
  );
}
