import { useEffect, useId, useRef, useState } from 'react';
import { countsText } from '../../../../shared/countsText';
import type { ImportSummary, RecordCounts } from '../../../../shared/ipc/contracts/recordsContract';
import { ShowInFolderButton } from '../../components/ShowInFolderButton';
import { call, messageOf } from '../../data/api';
import { fillIndex } from '../../data/fillIndex';
import '../records/records.css';
import { ArrowLeftRight } from 'lucide-react';
import { plural } from '../../../../shared/plural';
import { Icon } from '../../components/Icon';

const settingsText: Record<ImportSummary['settings'], string> = {
  imported: 'this vault has no settings yet, so it takes the file’s',
  merged: 'your settings are kept; the file’s own rupture markers and strategies are added',
  kept: 'your settings are kept as they are',
  none: 'the file carries none',
};
/** How many problems the list shows; the rest are counted. */
const SHOWN_PROBLEMS = 50;

/**
 * Everything out and in, in the interchange format (as `attune export` and `attune import`): an
 * export to a folder the user chooses (process notes only when ticked), and an import that is
 * checked first and summarised, then confirmed, and is all or nothing.
 */
export function ExportImportSection() {
  const processId = useId();
  const [includeProcess, setIncludeProcess] = useState(false);
  const [busy, setBusy] = useState<'export' | 'check' | 'import' | null>(null);
  const [exported, setExported] = useState<{
    path: string;
    counts: RecordCounts;
    warning: string | null;
    fileId: string;
  } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [pending, setPending] = useState<{ path: string; summary: ImportSummary } | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  const [importError, setImportError] = useState<string | null>(null);

  async function exportAll() {
    setExported(null);
    setExportError(null);
    setBusy('export');
    try {
      const chosen = await call('files:chooseFolder', { purpose: 'export-to' });
      if (chosen)
        setExported(
          await call('records:exportAll', { folder: chosen.path, includeProcessNotes: includeProcess }),
        );
    } catch (failure) {
      setExportError(messageOf(failure));
    } finally {
      setBusy(null);
    }
  }

  async function chooseImport() {
    setPending(null);
    setImported(null);
    setImportError(null);
    setBusy('check');
    try {
      const chosen = await call('files:chooseReviewFile', { purpose: 'import-records' });
      if (chosen)
        setPending({
          path: chosen.path,
          summary: await call('records:previewImport', { path: chosen.path }),
        });
    } catch (failure) {
      setImportError(messageOf(failure));
    } finally {
      setBusy(null);
    }
  }

  async function confirmImport() {
    if (!pending) return;
    setBusy('import');
    try {
      const result = await call('records:import', { path: pending.path });
      setPending(null);
      setImported(`Imported ${countsText(result)}.`);
      // The lists and charts read the renderer's index: fill it again with what came in.
      await fillIndex(() => undefined);
    } catch (failure) {
      setImportError(messageOf(failure));
    } finally {
      setBusy(null);
    }
  }

  const summary = pending?.summary;
  // A summary that appears takes focus to its heading, so a screen reader reads it before Confirm.
  const summaryHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (pending) summaryHeading.current?.focus();
  }, [pending]);
  return (
    <section className="card" aria-labelledby="exchange-title">
      <h2 id="exchange-title" className="section-title">
        <Icon icon={ArrowLeftRight} /> Export and import all records
      </h2>
      <h3>Export</h3>
      <p>
        Saves every record (clients, sessions, notes, measures, treatment plans, diagnoses, safety plans and
        templates) as one JSON file in Attune’s interchange format, in a folder you choose. The file is not
        encrypted: keep it somewhere safe and delete it when you no longer need it.
      </p>
      <div className="choice">
        <input
          id={processId}
          type="checkbox"
          checked={includeProcess}
          onChange={(e) => setIncludeProcess(e.target.checked)}
        />
        <label htmlFor={processId} className="choice-label">
          Include process notes (psychotherapy notes). They are left out unless you tick this, as HIPAA asks.
        </label>
      </div>
      <button type="button" className="secondary" disabled={busy !== null} onClick={exportAll}>
        {busy === 'export' ? 'Exporting…' : 'Export all records…'}
      </button>
      <div role="status">
        {exported && (
          <p>
            Exported {countsText(exported.counts)}
            {exported.counts.processNotes === undefined ? ' (without process notes)' : ''} to{' '}
            <code className="path">{exported.path}</code>. <ShowInFolderButton fileId={exported.fileId} />
          </p>
        )}
        {exported?.warning && <p className="notice">{exported.warning}</p>}
      </div>
      {exportError && (
        <p role="alert" className="error">
          {exportError}
        </p>
      )}

      <h3>Import</h3>
      <p>
        Adds the records of an Attune export file to this vault. Attune checks the whole file first and shows
        what it would add; if any part is not valid, nothing is imported.
      </p>
      <button type="button" className="secondary" disabled={busy !== null} onClick={chooseImport}>
        {busy === 'check' ? 'Checking the file…' : 'Choose a file to import…'}
      </button>
      {summary && pending && (
        <section className="import-summary" aria-label="Import summary">
          <h4 ref={summaryHeading} tabIndex={-1}>
            {summary.valid ? 'Ready to import' : 'This file can’t be imported'}
          </h4>
          <p className="small">
            <code className="path">{pending.path}</code>
          </p>
          <dl>
            <div>
              <dt>{summary.valid ? 'Would add' : 'The file holds'}</dt>
              <dd>{countsText(summary.counts)}</dd>
            </div>
            <div>
              <dt>Settings</dt>
              <dd>{settingsText[summary.settings]}</dd>
            </div>
            <div>
              <dt>Conflicts</dt>
              <dd>
                {summary.conflicts === 0
                  ? 'none'
                  : `${plural(summary.conflicts, 'record')} already in this vault (imported before?)`}
              </dd>
            </div>
          </dl>
          {summary.valid && summary.notices.length > 0 && (
            <div>
              <p>Imported as they are, but worth checking:</p>
              <ul>
                {summary.notices.slice(0, SHOWN_PROBLEMS).map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed once shown; the same message can repeat.
                  <li key={i}>
                    <code>{p.path}</code>: {p.message}
                  </li>
                ))}
              </ul>
              {summary.notices.length > SHOWN_PROBLEMS && (
                <p>And {summary.notices.length - SHOWN_PROBLEMS} more.</p>
              )}
            </div>
          )}
          {summary.valid ? (
            <div className="actions">
              <button type="button" disabled={busy !== null} onClick={confirmImport}>
                {busy === 'import' ? 'Importing…' : 'Confirm import'}
              </button>
              <button
                type="button"
                className="secondary"
                disabled={busy !== null}
                onClick={() => setPending(null)}
              >
                Cancel
              </button>
            </div>
          ) : summary.alreadyInVault ? (
            <div role="alert">
              <p>{summary.alreadyInVault}</p>
              <button type="button" className="secondary" onClick={() => setPending(null)}>
                Close
              </button>
            </div>
          ) : (
            <div role="alert">
              <p>
                Nothing was imported. Fix these {plural(summary.problems.length, 'problem')} in the file, or
                export it again, then import it again:
              </p>
              <ul>
                {summary.problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed once shown; the same message can repeat.
                  <li key={i}>
                    <code>{p.path}</code>: {p.message}
                  </li>
                ))}
              </ul>
              {summary.problems.length > SHOWN_PROBLEMS && (
                <p>And {summary.problems.length - SHOWN_PROBLEMS} more.</p>
              )}
              <button type="button" className="secondary" onClick={() => setPending(null)}>
                Close
              </button>
            </div>
          )}
        </section>
      )}
      <div role="status">{imported && <p>{imported}</p>}</div>
      {importError && (
        <p role="alert" className="error">
          {importError}
        </p>
      )}
    </section>
  );
}
