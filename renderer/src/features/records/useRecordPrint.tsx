import { type ReactNode, useCallback, useState } from 'react';
import type { RecordSet } from '../../../../shared/ipc/contracts/recordsContract';
import { call, messageOf } from '../../data/api';
import { RecordPrintView } from './RecordPrintView';

interface Job<T> {
  set: RecordSet;
  folder: string;
  save: (folder: string) => Promise<T>;
}

export interface RecordPrint<T> {
  busy: boolean;
  error: string | null;
  result: T | null;
  /** The print view while a PDF is being made (render it anywhere; it portals to the body). */
  view: ReactNode;
  /**
   * Asks for a folder (main's dialog), reads the record set, lays it out for print, then has
   * main print it and save it there with `save`. Cancelling the dialog does nothing.
   */
  start: (read: () => Promise<RecordSet>, save: (folder: string) => Promise<T>) => Promise<void>;
  fail: (message: string) => void;
}

/** One print-and-save of a record at a time, with its progress, outcome and print view. */
export function useRecordPrint<T>(kind: 'note' | 'client'): RecordPrint<T> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<T | null>(null);
  const [job, setJob] = useState<Job<T> | null>(null);

  const start = useCallback(async (read: () => Promise<RecordSet>, save: (folder: string) => Promise<T>) => {
    setError(null);
    setResult(null);
    setBusy(true);
    try {
      const chosen = await call('files:chooseFolder', { purpose: 'export-to' });
      if (!chosen) {
        setBusy(false);
        return;
      }
      setJob({ set: await read(), folder: chosen.path, save });
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  }, []);

  const print = useCallback(async () => {
    if (!job) return;
    try {
      setResult(await job.save(job.folder));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setJob(null);
      setBusy(false);
    }
  }, [job]);

  const fail = useCallback((message: string) => {
    setResult(null);
    setError(message);
  }, []);

  return {
    busy,
    error,
    result,
    view: job ? <RecordPrintView set={job.set} kind={kind} onReady={print} /> : null,
    start,
    fail,
  };
}
