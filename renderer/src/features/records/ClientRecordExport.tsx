import type { ClientRecordExport as Exported } from '../../../../shared/ipc/contracts/recordsContract';
import type { Saved } from '../../../../shared/ipc/contracts/savedFile';
import { plural } from '../../../../shared/plural';
import { ShowInFolderButton } from '../../components/ShowInFolderButton';
import { call } from '../../data/api';
import { processNotesExcluded } from './RecordView';
import { useRecordPrint } from './useRecordPrint';

/**
 * A records request from the client page: the client's designated record set (signed notes with
 * addenda, sessions, session feedback) as one PDF and as JSON, into a folder the user chooses.
 */
export function ClientRecordExport({ clientId }: { clientId: string }) {
  const job = useRecordPrint<Saved<Exported>>('client');
  return (
    <section className="card record-export" aria-labelledby="record-export-heading">
      <h2 id="record-export-heading">Records request</h2>
      <p>
        Export this client’s record (every session, every signed note with its addenda, and session feedback)
        as a PDF and as a JSON file, into a folder you choose. Drafts are left out until they are signed.
      </p>
      <p>{processNotesExcluded}</p>
      <p className="muted small">
        The files are not encrypted: hand them over securely and delete your copies.
      </p>
      <button
        type="button"
        className="secondary"
        disabled={job.busy}
        onClick={() =>
          void job.start(
            () => call('records:get', { clientId }),
            (folder) => call('records:exportClient', { clientId, folder }),
          )
        }
      >
        {job.busy ? 'Exporting…' : 'Export client record…'}
      </button>
      <div role="status">
        {job.result && (
          <p>
            Exported {plural(job.result.sessions, 'session')}, {plural(job.result.notes, 'signed note')} with{' '}
            {plural(job.result.addenda, 'addendum', 'addenda')} and{' '}
            {plural(job.result.feedback, 'feedback score')} to{' '}
            <code className="path">{job.result.pdfPath}</code> and{' '}
            <code className="path">{job.result.jsonPath}</code>.{' '}
            <ShowInFolderButton fileId={job.result.fileId} />
          </p>
        )}
      </div>
      {job.error && (
        <p role="alert" className="error">
          {job.error}
        </p>
      )}
      {job.view}
    </section>
  );
}
