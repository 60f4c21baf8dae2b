import { type FormEvent, useId, useState } from 'react';
import type { NotePartKey } from '../../../../shared/domain/noteParts';
import type { Note } from '../../../../shared/domain/noteSchema';
import type { TemplateSection } from '../../../../shared/domain/templates';
import type { ConflictChoice, ConflictView } from '../../../../shared/ipc/contract';
import { formatDateTime } from '../../format/dates';
import { conflictTitle, notePartLabel } from './syncWords';
import { notePartText, recordText } from './versionText';

/**
 * One record in conflict: its versions side by side (computer, time, content), a button to keep
 * each whole, and for a draft note a choice per differing part ("Plan: from Laptop").
 */
export function ConflictCard({
  conflict,
  sections,
  onResolve,
}: {
  conflict: ConflictView;
  sections: readonly TemplateSection[];
  onResolve: (choice: ConflictChoice) => Promise<void>;
}) {
  const headingId = useId();
  const title = conflictTitle(conflict);
  const kept = conflict.versions.filter((v) => !v.deleted && v.value);
  const byParts = conflict.what === 'note' && kept.length >= 2 && conflict.differingParts.length > 0;
  const base = kept[0];
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const run = async (choice: ConflictChoice) => {
    setBusy(true);
    try {
      await onResolve(choice);
    } finally {
      setBusy(false);
    }
  };
  const submitParts = (event: FormEvent) => {
    event.preventDefault();
    if (!base) return;
    const parts = Object.fromEntries(
      Object.entries(choices).filter(([, versionId]) => versionId !== base.versionId),
    );
    void run({ type: 'parts', base: base.versionId, parts });
  };
  const parts = (conflict.what === 'note' ? conflict.differingParts : []) as NotePartKey[];

  return (
    <section className="card conflict" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <p className="muted">
        Changed on {conflict.versions.map((v) => v.deviceName).join(' and on ')} before the two computers
        synced. Both versions are kept until you choose.
      </p>
      <div className="conflict-versions">
        {conflict.versions.map((v) => (
          <article key={v.versionId} className="conflict-version" aria-label={`Version from ${v.deviceName}`}>
            <h3>{v.deviceName}</h3>
            <p className="muted">Saved {formatDateTime(v.at)}</p>
            {v.deleted || !v.value ? (
              <p>Deleted on {v.deviceName}.</p>
            ) : conflict.what === 'note' ? (
              <dl>
                {parts.map((key) => (
                  <div key={key}>
                    <dt>{notePartLabel(key, sections)}</dt>
                    <dd className="pre-wrap">{notePartText(v.value as Note, key)}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="pre-wrap">{recordText(v.value)}</p>
            )}
            <button
              type="button"
              disabled={busy}
              onClick={() => void run({ type: 'version', versionId: v.versionId })}
            >
              {v.deleted ? `Delete it, as on ${v.deviceName}` : `Keep the whole version from ${v.deviceName}`}
            </button>
          </article>
        ))}
      </div>
      {byParts && base && (
        <form onSubmit={submitParts} aria-label={`Combine the versions of ${title}`}>
          <h3>Or take each part from the computer you choose</h3>
          {parts.map((key) => {
            const label = notePartLabel(key, sections);
            const chosen = choices[key] ?? base.versionId;
            return (
              <fieldset key={key} className="conflict-part">
                <legend>{label}</legend>
                {kept.map((v) => (
                  <label key={v.versionId}>
                    <input
                      type="radio"
                      name={`${headingId}-${key}`}
                      checked={chosen === v.versionId}
                      onChange={() => setChoices((c) => ({ ...c, [key]: v.versionId }))}
                    />
                    {`${label} from ${v.deviceName}`}
                  </label>
                ))}
              </fieldset>
            );
          })}
          <button type="submit" disabled={busy}>
            Save the note with these parts
          </button>
        </form>
      )}
    </section>
  );
}
