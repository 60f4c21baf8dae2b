import { useEffect, useMemo, useState } from 'react';
import { clientsWithSharedCode, sharedCodeMessage } from '../../../../shared/domain/duplicateClientCodes';
import type { Template } from '../../../../shared/domain/templates';
import { summarizeNote } from '../../../../shared/summaries/noteSummary';
import { call, messageOf } from '../../data/api';
import { usePrimaryDiagnosis } from '../../data/diagnoses';
import { useElevatedRisks } from '../../data/elevatedRisk';
import { type SessionRow, useClient, useClients, useSessionRows } from '../../data/hooks';
import { putClient, putNoteSummary, putSession } from '../../data/summaryIndex';
import { unsavedForms } from '../../data/unsavedForms';
import { quarterHourStarted } from '../../format/dates';
import { allDates, ClientCharts, MeasureCharts, type RangeInput } from '../charts';
import { ClientForm, clientFormKey } from '../clients/ClientForm';
import { ClientRecordExport } from '../records';
import { CaseComments, ImportCommentsPanel, SessionComments, useSupervisorComments } from '../review';
import { ClientHeader } from './ClientHeader';
import { clientFacts } from './clientFacts';
import { type ClientTab, clientTabs, rememberedTab, rememberTab } from './clientTab';
import { sessionFormKey } from './SessionForm';
import { SessionsPanel } from './SessionsPanel';
import { Tabs } from './Tabs';
import { TreatmentTab } from './TreatmentTab';
import './client.css';

interface ClientPageProps {
  clientId: string;
  onBack: () => void;
  onOpenNote: (noteId: string) => void;
  /** Opens a session's private process note on its own (a session may have no progress note). */
  onOpenProcessNote?: ((sessionId: string) => void) | undefined;
  /** Opens the builder of a de-identified case review packet for supervision. */
  onBuildPacket: () => void;
}

/**
 * A client's page: a header with the facts that matter and the next actions, then tabs for the
 * sessions (newest first), the patterns (charts) and review (supervision, records). Keyed by
 * client, so moving to another client starts afresh (no form left open from the last one).
 */
export function ClientPage(props: ClientPageProps) {
  return <ClientPageOf key={props.clientId} {...props} />;
}

function ClientPageOf({ clientId, onBack, onOpenNote, onOpenProcessNote, onBuildPacket }: ClientPageProps) {
  const client = useClient(clientId);
  const clients = useClients();
  const rows = useSessionRows(clientId);
  const risks = useElevatedRisks();
  const primaryDiagnosis = usePrimaryDiagnosis(clientId);
  const newestFirst = useMemo(() => rows && [...rows].reverse(), [rows]);
  const facts = useMemo(() => rows && clientFacts(rows, new Date()), [rows]);
  const [tab, setTab] = useState<ClientTab>(() => rememberedTab(clientId));
  // The Patterns tab's date range, kept here so the outcome measures follow the charts above them.
  const [chartRange, setChartRange] = useState<RangeInput>(allDates);
  // Open again with what was typed, if an edit was left unsaved (the screen left, or a lock).
  const [editing, setEditing] = useState(() => unsavedForms.has(clientFormKey(clientId)));
  const [addingSession, setAddingSession] = useState(() => unsavedForms.has(sessionFormKey(clientId)));
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

  function choose(next: ClientTab) {
    setTab(next);
    rememberTab(clientId, next);
  }

  async function attempt(action: () => Promise<void>) {
    try {
      setError(null);
      await action();
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  const setStatus = (status: 'active' | 'closed') =>
    attempt(async () => putClient(await call('clients:setStatus', { id: clientId, status })));

  const newNote = (sessionId: string) =>
    attempt(async () => {
      const note = await call('notes:create', { sessionId, templateId });
      // Listed at once, so the session shows its draft even if nothing is saved into it.
      putNoteSummary(summarizeNote(note));
      onOpenNote(note.id);
    });

  // One step: a session starting now (to the quarter hour) and its draft with the client's usual template.
  const newSessionNote = () =>
    attempt(async () => {
      const { session, note } = await call('sessionNotes:start', {
        clientId,
        startsAt: quarterHourStarted(new Date()).toISOString(),
      });
      putSession(session);
      putNoteSummary(summarizeNote(note));
      onOpenNote(note.id);
    });

  const sessionComments =
    supervisor.bySession.size === 0
      ? undefined
      : ({ session, note }: SessionRow) => (
          <SessionComments
            comments={supervisor.bySession.get(session.id) ?? []}
            ruptures={note?.ruptures ?? []}
            onSetAddressed={supervisor.setAddressed}
          />
        );

  return (
    <main className="page client-page">
      <ClientHeader
        client={client}
        facts={facts}
        risk={risks?.get(client.id)}
        primaryDiagnosis={primaryDiagnosis}
        showNewSession={!(tab === 'sessions' && rows?.length === 0)}
        onBack={onBack}
        onNewSessionNote={newSessionNote}
        onNewSession={() => {
          choose('sessions');
          setAddingSession(true);
        }}
        onEdit={() => setEditing(true)}
        onBuildPacket={onBuildPacket}
        onSetStatus={setStatus}
      />
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
      <Tabs label={`Client ${client.code}`} tabs={clientTabs} selected={tab} onSelect={choose}>
        {tab === 'sessions' && (
          <SessionsPanel
            clientId={clientId}
            rows={newestFirst}
            adding={addingSession}
            onAdding={setAddingSession}
            templates={templates}
            templateId={templateId}
            onTemplate={setTemplateId}
            onOpenNote={onOpenNote}
            onNewNote={newNote}
            onOpenProcessNote={onOpenProcessNote}
            sessionComments={sessionComments}
          />
        )}
        {tab === 'patterns' && (
          <>
            <ClientCharts
              clientId={clientId}
              onOpenNote={onOpenNote}
              range={chartRange}
              onRangeChange={setChartRange}
            />
            <MeasureCharts clientId={clientId} onOpenNote={onOpenNote} range={chartRange} />
          </>
        )}
        {tab === 'treatment' && <TreatmentTab clientId={clientId} />}
        {tab === 'review' && (
          <>
            <p className="muted">
              Supervision and records for this client: build a de-identified review packet (Build review
              packet, above), bring your supervisor’s comments back, or export the client’s record.
            </p>
            <ImportCommentsPanel clientId={clientId} onImported={supervisor.reload} />
            <CaseComments comments={supervisor.onCase} onSetAddressed={supervisor.setAddressed} />
            <ClientRecordExport clientId={clientId} />
          </>
        )}
      </Tabs>
    </main>
  );
}
