import './showInFolder.css';
import { FolderOpen } from 'lucide-react';
import { useState } from 'react';
import { call, messageOf } from '../data/api';

/**
 * "Show in folder" for a file an export just wrote: main opens the system's file manager at it.
 * The button names the file by the id main gave for it, never by a path.
 */
export function ShowInFolderButton({ fileId, label = 'Show in folder' }: { fileId: string; label?: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="secondary show-in-folder"
        onClick={() => {
          setError(null);
          call('files:showInFolder', { fileId }).catch((failure) => setError(messageOf(failure)));
        }}
      >
        <FolderOpen aria-hidden="true" size={16} /> {label}
      </button>
      {error && (
        <span role="alert" className="error small">
          {' '}
          {error}
        </span>
      )}
    </>
  );
}
