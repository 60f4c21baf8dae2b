import { ChevronLeft, FilePlus2, FileText, Pencil, Plus } from 'lucide-react';
import type { Client } from '../../../../shared/domain/clientSchema';
import type { Diagnosis } from '../../../../shared/domain/diagnosisSchema';
import type { ElevatedRisk } from '../../../../shared/ipc/contract';
import { formatDate, formatDateTime } from '../../format/dates';
import { RiskBadge } from '../risk/RiskBadge';
import type { ClientFacts } from './clientFacts';

/**
 * The top of a client's page: who (code, name, status), where the therapy stands (since when,
 * sessions held, the last and the next, notes still in draft), and what to do next.
 */
export function ClientHeader({
  client,
  facts,
  risk,
  primaryDiagnosis,
  showNewSession,
  onBack,
  onNewSessionNote,
  onNewSession,
  onEdit,
  onBuildPacket,
  onSetStatus,
}: {
  client: Client;
  /** Undefined while the sessions load. */
  facts: ClientFacts | undefined;
  /** The client's latest assessed risk, when it is elevated. */
  risk?: ElevatedRisk | undefined;
  /** The client's current primary diagnosis, when there is one. */
  primaryDiagnosis?: Diagnosis | undefined;
  /** False while the page's empty state offers "New session" itself. */
  showNewSession: boolean;
  onBack: () => void;
  onNewSessionNote: () => void;
  onNewSession: () => void;
  onEdit: () => void;
  onBuildPacket: () => void;
  onSetStatus: (status: Client['status']) => void;
}) {
  const active = client.status === 'active';
  return (
    <header className="client-head">
      <button type="button" className="link back" onClick={onBack}>
        <ChevronLeft aria-hidden="true" size={16} />
        All clients
      </button>
      <div className="client-title">
        <h1>
          {client.code}
          {client.displayName && <span className="client-name"> · {client.displayName}</span>}
        </h1>
        <span className={`badge client-status ${client.status}`}>{active ? 'Active' : 'Closed'}</span>
        {risk && <RiskBadge risk={risk} />}
      </div>
      <dl className="client-facts">
        <div>
          <dt>Since</dt>
          <dd>{formatDate(client.startDate)}</dd>
        </div>
        <div>
          <dt>Sessions</dt>
          <dd>{facts ? facts.held : '…'}</dd>
        </div>
        <div>
          <dt>Last session</dt>
          <dd>{facts ? (facts.last ? formatDate(facts.last) : 'None yet') : '…'}</dd>
        </div>
        {facts?.next && (
          <div>
            <dt>Next session</dt>
            <dd>{formatDateTime(facts.next)}</dd>
          </div>
        )}
        <div>
          <dt>Open drafts</dt>
          <dd className={facts && facts.openDrafts > 0 ? 'has-drafts' : undefined}>
            {facts ? facts.openDrafts : '…'}
          </dd>
        </div>
        {primaryDiagnosis && (
          <div>
            <dt>Primary diagnosis</dt>
            <dd title={primaryDiagnosis.description}>
              {primaryDiagnosis.code}
              <span className="visually-hidden"> {primaryDiagnosis.description}</span>
            </dd>
          </div>
        )}
      </dl>
      {(client.concerns.length > 0 || client.goals.length > 0) && (
        <p className="muted client-aims">
          {client.concerns.length > 0 && `Concerns: ${client.concerns.join('; ')}`}
          {client.concerns.length > 0 && client.goals.length > 0 && ' · '}
          {client.goals.length > 0 && `Goals: ${client.goals.join('; ')}`}
        </p>
      )}
      <div className="client-actions">
        {/* Not "New session note": "New session" must name one button (users and specs find it by name). */}
        <button
          type="button"
          className="primary"
          onClick={onNewSessionNote}
          title="Records a session starting now and opens its note"
        >
          <FilePlus2 aria-hidden="true" size={16} />
          Start session note
        </button>
        {showNewSession && (
          <button type="button" className="secondary" onClick={onNewSession}>
            <Plus aria-hidden="true" size={16} />
            New session
          </button>
        )}
        <button type="button" className="secondary" onClick={onEdit}>
          <Pencil aria-hidden="true" size={16} />
          Edit client
        </button>
        <button type="button" className="secondary" onClick={onBuildPacket}>
          <FileText aria-hidden="true" size={16} />
          Build review packet
        </button>
        <button type="button" className="secondary" onClick={() => onSetStatus(active ? 'closed' : 'active')}>
          {active ? 'Close client' : 'Reopen client'}
        </button>
      </div>
    </header>
  );
}
