import { useRef, useState } from 'react';
import type { CommentsImportResult } from '../../../../shared/ipc/contract';
import { useClient } from '../../data/hooks';
import { PassphrasePrompt } from './PassphrasePrompt';
import { importComments } from './reviewData';
import { plural } from './reviewFormat';
import { useChosenFile } from './useChosenFile';

/**
 * What an import did. Comments about another client's packet are named by that client's code
 * (`otherCode`, when the client is still listed): the packet's alias names nobody here.
 */
function importWords(result: CommentsImportResult, clientId: string, otherCode: string | null): string {
  const parts = [`${plural(result.imported, 'comment')} imported`];
  if (result.updated > 0) parts.push(`${result.updated} updated by the reviewer since the last import`);
  if (result.duplicates > 0) parts.push(`${result.duplicates} already here`);
  const who = otherCode ? `another client, ${otherCode}` : 'another client';
  const elsewhere =
    result.clientId === clientId
      ? ''
      : ` They are about ${who} (${result.alias} in the packet); open that client’s page to see them.`;
  return `${parts.join(', ')}.${elsewhere}`;
}

function ImportResult({ result, clientId }: { result: CommentsImportResult; clientId: string }) {
  const other = useClient(result.clientId);
  // Said once the client is looked up (undefined while the list loads): a status that changes
  // after it was read out may be heard in its first, vaguer words only.
  if (other === undefined) return null;
  return <p>{importWords(result, clientId, other?.code ?? null)}</p>;
}

/** "Import supervisor comments": the native dialog, the packet's passphrase, then what was imported. */
export function ImportCommentsPanel({ clientId, onImported }: { clientId: string; onImported: () => void }) {
  const file = useChosenFile('open-comments');
  const [result, setResult] = useState<CommentsImportResult | null>(null);
  const importButton = useRef<HTMLButtonElement>(null);

  async function run(passphrase: string) {
    if (!file.path) return;
    const imported = await importComments(file.path, passphrase);
    file.clear();
    setResult(imported);
    onImported();
  }

  return (
    <div className="packet-output">
      {!file.path && (
        <button
          ref={importButton}
          type="button"
          className="secondary"
          onClick={() => {
            setResult(null);
            void file.choose();
          }}
        >
          Import supervisor comments
        </button>
      )}
      {file.path && (
        <PassphrasePrompt
          title="Import supervisor comments"
          path={file.path}
          submitLabel="Import comments"
          busyLabel="Importing…"
          onSubmit={run}
          onCancel={file.clear}
          returnTo={importButton}
        />
      )}
      {file.error && (
        <p role="alert" className="error">
          {file.error}
        </p>
      )}
      <div role="status">{result && <ImportResult result={result} clientId={clientId} />}</div>
    </div>
  );
}
