import { ShowInFolderButton } from '../../components/ShowInFolderButton';
import { call } from '../../data/api';
import { useRecordPrint } from './useRecordPrint';

const draftMessage =
  'Only a signed note can be printed or saved as a record: a draft can still change. Sign the note first.';

/** "Print or save as PDF" for one note, from the note editor: signed notes only. */
export function NotePdfButton({
  noteId,
  clientId,
  signed,
}: {
  noteId: string;
  clientId: string;
  signed: boolean;
}) {
  const job = useRecordPrint<{ path: string; fileId: string }>('note');
  return (
    <div className="note-pdf">
      <button
        type="button"
        className="secondary"
        disabled={job.busy}
        onClick={() => {
          if (!signed) return job.fail(draftMessage);
          void job.start(
            () => call('records:get', { clientId, noteId }),
            (folder) => call('records:saveNotePdf', { noteId, folder }),
          );
        }}
      >
        {job.busy ? 'Saving the PDF…' : 'Print or save as PDF'}
      </button>
      <div role="status">
        {job.result && (
          <p className="small">
            PDF saved to <code className="path">{job.result.path}</code>.{' '}
            <ShowInFolderButton fileId={job.result.fileId} />
          </p>
        )}
      </div>
      {job.error && (
        <p role="alert" className="error small">
          {job.error}
        </p>
      )}
      {job.view}
    </div>
  );
}
