import { Plus } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import type { Template } from '../../../../shared/domain/templates';
import { type SessionRow, useSettings } from '../../data/hooks';
import { unsavedForms } from '../../data/unsavedForms';
import { SessionForm, sessionEditKey } from './SessionForm';
import { SessionTable } from './SessionTable';

/** The Sessions tab: the template for new notes, the new-session form, and the sessions newest first. */
export function SessionsPanel({
  clientId,
  rows,
  adding,
  onAdding,
  templates,
  templateId,
  onTemplate,
  onOpenNote,
  onNewNote,
  onOpenProcessNote,
  sessionComments,
}: {
  clientId: string;
  /** Newest first; undefined while loading. */
  rows: readonly SessionRow[] | undefined;
  adding: boolean;
  onAdding: (adding: boolean) => void;
  templates: readonly Template[];
  templateId: string;
  onTemplate: (templateId: string) => void;
  onOpenNote: (noteId: string) => void;
  onNewNote: (sessionId: string) => void;
  onOpenProcessNote?: ((sessionId: string) => void) | undefined;
  sessionComments?: ((row: SessionRow) => ReactNode) | undefined;
}) {
  // For the late-entry labels (a signed note past the limit in Settings).
  const { lateEntryAfterHours } = useSettings();
  // The session being changed; else one whose edit was left unsaved (the screen left, or a lock).
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing =
    rows?.find((row) => row.session.id === editingId) ??
    (editingId === null ? rows?.find((row) => unsavedForms.has(sessionEditKey(row.session.id))) : undefined);
  if (rows === undefined) return <p className="muted">Loading sessions…</p>;
  const empty = rows.length === 0;
  return (
    <>
      {(!empty || adding) && (
        <div className="panel-toolbar">
          <label className="inline" htmlFor="note-template">
            Template for new notes
            <select id="note-template" value={templateId} onChange={(e) => onTemplate(e.target.value)}>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {/* The empty state stays while its form is open, so its New session button keeps the focus
          the form gives back when it closes (a button drawn again would not have it). */}
      {empty && (
        <div className="empty-state">
          <p>No sessions yet. Each session you record appears here, newest first, with its note.</p>
          <button type="button" className="primary" onClick={() => onAdding(true)}>
            <Plus aria-hidden="true" size={16} />
            New session
          </button>
        </div>
      )}
      {adding && <SessionForm clientId={clientId} onDone={() => onAdding(false)} />}
      {editing && (
        <SessionForm
          key={editing.session.id}
          clientId={clientId}
          session={editing.session}
          onDone={() => setEditingId(null)}
        />
      )}
      {empty ? null : (
        <SessionTable
          rows={rows}
          onOpenNote={onOpenNote}
          onNewNote={onNewNote}
          onOpenProcessNote={onOpenProcessNote}
          onEditSession={setEditingId}
          sessionComments={sessionComments}
          lateEntryAfterHours={lateEntryAfterHours}
        />
      )}
    </>
  );
}
