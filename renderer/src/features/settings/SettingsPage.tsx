import { SlidersHorizontal } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { settingsSchema } from '../../../../shared/domain/settingsSchema';
import { FieldError, fieldErrors } from '../../components/FieldError';
import { Icon } from '../../components/Icon';
import { call, messageOf } from '../../data/api';
import { formatTime } from '../../format/dates';
import { ThisComputerSection } from '../sync/ThisComputerSection';
import type { SettingsSection } from '../workspace/Route';
import { AppearanceSection } from './AppearanceSection';
import { BackupsSection } from './BackupsSection';
import { CheckVaultSection } from './CheckVaultSection';
import { ExportImportSection } from './ExportImportSection';
import { NoteDeadlinesSection } from './NoteDeadlinesSection';
import { PracticeSection } from './PracticeSection';
import { SecuritySection } from './SecuritySection';
import { SettingsContents } from './SettingsContents';
import { showSettingsSection } from './settingsSections';
import { TemplateManager } from './TemplateManager';
import { VaultLocationSection } from './VaultLocationSection';

/** The user's settings: auto-lock time, signing name, feedback concern line. */
export function SettingsPage({
  section,
  onSaved,
  onRestore,
}: {
  /** Opened for one section (a warning's button): it is scrolled into view and focused. */
  section?: SettingsSection | undefined;
  onSaved: () => void;
  onRestore?: (() => void) | undefined;
}) {
  const [autoLock, setAutoLock] = useState('10');
  const [name, setName] = useState('');
  const [line, setLine] = useState('36');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);

  // Backups brings itself into view (BackupsSection); the others are brought here.
  useEffect(() => {
    if (section === 'security') showSettingsSection('security-title');
  }, [section]);

  useEffect(() => {
    call('settings:get')
      .then((s) => {
        setAutoLock(String(s.autoLockMinutes));
        setName(s.clinicianName);
        setLine(String(s.feedbackConcernLine));
      })
      .catch((failure) => setErrors({ _: messageOf(failure) }));
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const changes = {
      autoLockMinutes: Number(autoLock),
      clinicianName: name,
      feedbackConcernLine: Number(line),
    };
    const parsed = settingsSchema.partial().safeParse(changes);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues));
    setErrors({});
    try {
      await call('settings:update', changes);
      setStatus(`Settings saved at ${formatTime(new Date())}.`);
      onSaved();
    } catch (failure) {
      setErrors({ _: messageOf(failure) });
    }
  }

  return (
    <main className="page">
      <h1>Settings</h1>
      <SettingsContents />
      <section className="card" aria-labelledby="general-title">
        <h2 id="general-title" className="section-title">
          <Icon icon={SlidersHorizontal} /> General
        </h2>
        <form onSubmit={submit} noValidate aria-labelledby="general-title">
          <label htmlFor="auto-lock">Lock after this many idle minutes</label>
          <input
            id="auto-lock"
            type="number"
            min={1}
            max={240}
            value={autoLock}
            onChange={(e) => setAutoLock(e.target.value)}
          />
          <FieldError id="auto-lock-error" message={errors.autoLockMinutes} />
          <label htmlFor="clinician-name">Your name, as it appears when you sign</label>
          <input id="clinician-name" type="text" value={name} onChange={(e) => setName(e.target.value)} />
          <FieldError id="clinician-name-error" message={errors.clinicianName} />
          <label htmlFor="concern-line">Session feedback concern line (0–40)</label>
          <input
            id="concern-line"
            type="number"
            min={0}
            max={40}
            value={line}
            onChange={(e) => setLine(e.target.value)}
          />
          <FieldError id="concern-line-error" message={errors.feedbackConcernLine} />
          {errors._ && (
            <p role="alert" className="error">
              {errors._}
            </p>
          )}
          <div className="actions">
            <button type="submit">Save settings</button>
            <output aria-live="polite">{status}</output>
          </div>
        </form>
      </section>
      <NoteDeadlinesSection onSaved={onSaved} />
      <AppearanceSection />
      <ThisComputerSection />
      <BackupsSection onRestore={onRestore} focusOnMount={section === 'backups'} />
      <CheckVaultSection />
      <VaultLocationSection />
      <SecuritySection />
      <TemplateManager />
      <PracticeSection />
      <ExportImportSection />
    </main>
  );
}
