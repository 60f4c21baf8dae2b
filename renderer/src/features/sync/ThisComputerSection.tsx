import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { deviceNameSchema } from '../../../../shared/domain/deviceNameSchema';
import type { SyncStatusView } from '../../../../shared/ipc/contract';
import { FieldError } from '../../components/FieldError';
import { call, messageOf } from '../../data/api';
import { formatTime } from '../../format/dates';
import { openElsewhereText } from './syncWords';
import './sync.css';
import { LaptopMinimal } from 'lucide-react';
import { Icon } from '../../components/Icon';

/**
 * Settings for a vault shared by several computers: this computer's name as the others see it,
 * which other computers have the vault open now, and the sync problems with what to do. Hidden
 * for a vault used on one computer only (format 1).
 */
export function ThisComputerSection() {
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const answer = await call('sync:status');
      if (!answer.available) return setStatus(null);
      setStatus(answer.value);
      return answer.value;
    } catch (e) {
      setFailure(messageOf(e));
    }
  }, []);

  useEffect(() => {
    void load().then((value) => value && setName(value.deviceName));
  }, [load]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const parsed = deviceNameSchema.safeParse(name);
    if (!parsed.success) return setNameError(parsed.error.issues[0]?.message);
    setNameError(undefined);
    try {
      const answer = await call('sync:renameDevice', { name: parsed.data });
      if (answer.available) {
        setName(answer.value.deviceName);
        setSaved(
          `Saved at ${formatTime(new Date())}. Your other computers will show “${answer.value.deviceName}” once the files have synced.`,
        );
      }
      await load();
    } catch (e) {
      setNameError(messageOf(e));
    }
  }

  if (!status)
    return failure ? (
      <p role="alert" className="error">
        {failure}
      </p>
    ) : null;
  const others = openElsewhereText(status.others);
  return (
    <section className="card" aria-labelledby="this-computer-heading">
      <h2 id="this-computer-heading" className="section-title">
        <Icon icon={LaptopMinimal} /> This computer and the others
      </h2>
      <form onSubmit={save} noValidate aria-label="This computer">
        <label htmlFor="device-name">This computer’s name, as your other computers show it</label>
        <input
          id="device-name"
          type="text"
          maxLength={60}
          value={name}
          aria-describedby={nameError ? 'device-name-error' : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        <FieldError id="device-name-error" message={nameError} />
        {/* A row of its own under the field: inline, the button touched the field. */}
        <div className="actions">
          <button type="submit">Save name</button>
          <output aria-live="polite">{saved}</output>
        </div>
      </form>
      <h3>Other computers</h3>
      <p>{others ? `${others}.` : 'No other computer has this vault open right now.'}</p>
      <h3>Sync problems</h3>
      {status.problems.length === 0 ? (
        <p>None: every computer’s changes that have arrived are merged.</p>
      ) : (
        <ul aria-label="Sync problems">
          {status.problems.map((p) => (
            <li key={`${p.type}:${p.message}`}>
              {p.message} <span className="muted">{p.advice}</span>
            </li>
          ))}
        </ul>
      )}
      {status.conflicts > 0 && (
        <p>
          {status.conflicts === 1 ? 'One record was' : `${status.conflicts} records were`} edited on two
          computers at once: review them from the notice at the top of the page.
        </p>
      )}
      <button type="button" className="secondary" onClick={() => void load()}>
        Check again
      </button>
    </section>
  );
}
