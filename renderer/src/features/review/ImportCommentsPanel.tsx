import { useRef, useState } from 'react';
import type { CommentsImportResult } from '../../../../shared/ipc/contract';
import { PassphrasePrompt } from './PassphrasePrompt';
import { importComments } from './reviewData';
import { plural } from './reviewFormat';
import { useChosenFile } from './useChosenFile';

function importWords(result: CommentsImportResult, clientId: string): string {
  const parts = [`${plural(result.imported, 'comment')} imported`];
  if (result.updated > 0) parts.push(`${result.updated} updated by the reviewer since the last import`);
  if (result.duplicates > 0) parts.push(`${result.duplicates} already here`);
  const elsewhere =
    result.clientId === clientId
      ? ''
      : ` They are about another client (${result.alias} in the packet); open that client’s page to see them.`;
  return `${parts.join(', ')}.${elsewhere}`;
}

/** "Import supervisor comments": the native dialog, the packet's passphrase, then what was imported. */
export function ImportCommentsPanel({ clientId, onImported }: { clientId: string; onImported: () => void }) {
  const file = useChosenFile('open-comments');
  const [result, setResult] = useState<string | null>(null);
  const importButton = useRef<HTMLButtonElement>(null);

  async function run(passphrase: string) {
    if (!file.path) return;
    const imported = await importComments(file.path, passphrase);
    file.clear();
    setResult(importWords(imported, clientId));
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
      <div role="status">{result && <p>{result}</p>}</div>
    </div>
  );
}
