import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { RecordSet } from '../../../../shared/ipc/contracts/recordsContract';
import { RecordView } from './RecordView';
import './records.css';

/**
 * The record laid out for paper, rendered beside the app, off screen and inert, only while it is
 * printed; `@media print` in records.css hides everything else, so Electron's printToPDF (and
 * Chromium's in the tests) prints this view alone, with the record footer and page numbers.
 * `onReady` fires once it has been laid out.
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
  const fired = useRef(false);
  useEffect(() => {
    let inner = 0;
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
    <div className="record-print-root" inert>
      <RecordView set={set} kind={kind} />
    </div>,
    document.body,
  );
}
