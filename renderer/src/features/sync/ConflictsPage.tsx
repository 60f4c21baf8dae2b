import './sync.css';
import { useEffect, useState } from 'react';
import type { TemplateSection } from '../../../../shared/domain/templates';
import type { ConflictChoice, ConflictView } from '../../../../shared/ipc/contract';
import { call, messageOf } from '../../data/api';
import { refillIndex } from '../../data/fillIndex';
import { formatDate } from '../../format/dates';
import { ConflictCard } from './ConflictCard';
import { conflictStore } from './conflictStore';
import { useConflicts } from './useConflicts';

/** The sections of every template by id, so a note's parts carry the names the editor shows. */
function useTemplateSections(): ReadonlyMap<string, readonly TemplateSection[]> {
  const [sections, setSections] = useState<ReadonlyMap<string, readonly TemplateSection[]>>(new Map());
  useEffect(() => {
    let current = true;
    call('templates:list')
      .then((templates) => current && setSections(new Map(templates.map((t) => [t.id, t.baseSections]))))
      .catch(() => undefined); // sections are then named by their ids
    return () => {
      current = false;
    };
  }, []);
  return sections;
}

const templateOf = (conflict: ConflictView): string | undefined =>
  conflict.versions.map((v) => (v.value as { templateId?: string } | null)?.templateId).find(Boolean);

/** Records changed on two computers at once, each with its versions and the ways to settle it. */
export function ConflictsPage() {
  const { available, conflicts, settledSigned, loaded, error } = useConflicts();
  const sections = useTemplateSections();
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const resolve = (conflict: ConflictView) => async (choice: ConflictChoice) => {
    setFailure(null);
    try {
      await call('sync:resolve', { kind: conflict.kind, id: conflict.id, choice });
      setStatus('Saved. The other computer shows the same once the files have synced.');
    } catch (e) {
      setFailure(messageOf(e));
    }
    // Either way the lists are asked again: a failure may mean it was settled elsewhere.
    await Promise.all([conflictStore.load(), refillIndex().catch(() => undefined)]);
  };

  return (
    <main className="page">
      <h1>Edited on two computers</h1>
      {(error || failure) && (
        <p role="alert" className="error">
          {failure ?? error}
        </p>
      )}
      {settledSigned.length > 0 && (
        <div role="status" className="card notice">
          {settledSigned.map((s) => (
            <p key={s.id}>
              Signed note
              {s.sessionStartsAt ? `, session of ${formatDate(s.sessionStartsAt)}` : ''}
              {s.client ? `, client ${s.client.code}` : ''}: it was also changed on {s.from.join(' and ')}.
              The signed text stays as it was signed; every addendum and change from there is kept with it as
              an addendum.
            </p>
          ))}
          <button type="button" onClick={() => conflictStore.dismissSettled()}>
            Dismiss
          </button>
        </div>
      )}
      <output aria-live="polite">{status}</output>
      {!loaded ? (
        <p>Loading…</p>
      ) : !available ? (
        <p className="muted">
          This vault is used on this computer only, so nothing can be edited in two places.
        </p>
      ) : conflicts.length === 0 ? (
        <p className="muted">
          Nothing to review. When the same record is changed on two computers before they sync, both versions
          appear here for you to choose.
        </p>
      ) : (
        conflicts.map((c) => (
          <ConflictCard
            key={`${c.kind}/${c.id}/${c.versions.map((v) => v.versionId).join(',')}`}
            conflict={c}
            sections={sections.get(templateOf(c) ?? '') ?? []}
            onResolve={resolve(c)}
          />
        ))
      )}
    </main>
  );
}
