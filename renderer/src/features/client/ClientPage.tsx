import { useEffect, useState } from 'react';
import { clientsWithSharedCode, sharedCodeMessage } from '../../../../shared/domain/duplicateClientCodes';
import type { Template } from '../../../../shared/domain/templates';
import { summarizeNote } from '../../../../shared/summaries/noteSummary';
import { call, messageOf } from '../../data/api';
import { useClient, useClients, useSessionRows } from '../../data/hooks';
import { putClient, putNoteSummary } from '../../data/summaryIndex';
import { formatDate } from '../../format/dates';
import { ClientCharts } from '../charts';
import { ClientForm } from '../clients/ClientForm';
import { ClientRecordExport } from '../records';
import { CaseComments, ImportCommentsPanel, SessionComments, useSupervisorComments } from '../review';
import { SessionForm } from './SessionForm';
import { SessionTable } from './SessionTable';

/** A client's page: details, sessions in date order with note status and rupture badges. */
export function ClientPage({
  clientId,
  onBack,
  onOpenNote,
  onBuildPacket,
}: {
  clientId: string;
  onBack: () => void;
  onOpenNote: (noteId: string) => void;
  /** Opens the builder of a de-identified case review packet for supervision. */
  onBuildPacket: () => void;
}) {
  const client = useClient(clientId);
  const clients = useClients();
  const rows = useSessionRows(clientId);
  const [editing, setEditing] = useState(false);
  const [addingSession, setAddingSession] = useState(false);
  const [templates, setTemplates] = useState<Template[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const supervisor = useSupervisorComments(clientId);

  useEffect(() => {
    call('templates:list')
      .then((list) => {
        setTemplates(list);
        setTemplateId((current) => current || list[0]?.id || '');
      })
      .catch((failure) => setError(messageOf(failure)));
  }, []);

  if (!client) return <main className="page">{client === undefined ? 'Loading…' : 'Client not found.'}</main>;

  async function setStatus(status: 'active' | 'closed') {
    try {
      putClient(await call('clients:setStatus', { id: clientId, status }));
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  async function newNote(sessionId: string) {
    try {
      const note = await call('notes:create', { sessionId, templateId });
      // Listed at once, so the session shows its draft even if nothing is saved into it.
      putNoteSummary(summarizeNote(note));
      onOpenNote(note.id);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <main className="page">
      <button type="button" className="secondary" onClick={onBack}>
        All clients
      </button>
      <div className="page-head">
        <h1>
          {client.code}
          {client.displayName ? ` · ${client.displayName}` : ''}
        </h1>
        <button type="button" className="secondary" onClick={() => setEditing(true)}>
          Edit client
        </button>
        <button type="button" className="secondary" onClick={onBuildPacket}>
          Case review packet
        </button>
        {client.status === 'active' ? (
          <button type="button" className="secondary" onClick={() => setStatus('closed')}>
            Close client
          </button>
        ) : (
          <button type="button" className="secondary" onClick={() => setStatus('active')}>
            Reopen client
          </button>
        )}
      </div>
      <p className="muted">
        Since {formatDate(client.startDate)} · {client.status === 'active' ? 'Active' : 'Closed'}
        {client.concerns.length > 0 && ` · Concerns: ${client.concerns.join('; ')}`}
      </p>
      {client.goals.length > 0 && <p className="muted">Goals: {client.goals.join('; ')}</p>}
      {clientsWithSharedCode(clients ?? []).has(client.id) && (
        <p role="status" className="shared-code">
          {sharedCodeMessage(client.code)}
        </p>
      )}
      {editing && <ClientForm client={client} onDone={() => setEditing(false)} />}
      {(error ?? supervisor.error) && (
        <p role="alert" className="error">
          {error ?? supervisor.error}
        </p>
      )}
      <ImportCommentsPanel clientId={clientId} onImported={supervisor.reload} />
      <CaseComments comments={supervisor.onCase} onSetAddressed={supervisor.setAddressed} />
      <div className="page-head">
        <h2>Sessions</h2>
        <button type="button" onClick={() => setAddingSession(true)} disabled={addingSession}>
          New session
        </button>
        <label className="inline" htmlFor="note-template">
          Template for new notes
          <select id="note-template" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {addingSession && <SessionForm clientId={clientId} onDone={() => setAddingSession(false)} />}
      <SessionTable
        rows={rows}
        onOpenNote={onOpenNote}
        onNewNote={newNote}
        sessionComments={
          supervisor.bySession.size === 0
            ? undefined
            : ({ session, note }) => (
                <SessionComments
                  comments={supervisor.bySession.get(session.id) ?? []}
                  ruptures={note?.ruptures ?? []}
                  onSetAddressed={supervisor.setAddressed}
                />
              )
        }
      />
      <ClientCharts clientId={clientId} onOpenNote={onOpenNote} />
      <ClientRecordExport clientId={clientId} />
    </main>
  );
}
