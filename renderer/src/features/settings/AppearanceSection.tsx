import { type LucideIcon, Monitor, Moon, Palette, Sun } from 'lucide-react';
import { useId, useState } from 'react';
import type { ThemePreference } from '../../../../shared/domain/themePreference';
import { Icon } from '../../components/Icon';
import { messageOf } from '../../data/api';
import { currentTheme, saveTheme } from '../../theme/theme';

const choices: ReadonlyArray<{ value: ThemePreference; label: string; icon: LucideIcon }> = [
  { value: 'light', label: 'Light', icon: Sun },
  { value: 'dark', label: 'Dark', icon: Moon },
  { value: 'system', label: 'Follow the system', icon: Monitor },
];

/**
 * Settings → Appearance: light, dark, or the operating system's theme. The choice shows at once
 * and is kept for this computer (not in the vault), so the lock screen and the next start use it.
 */
export function AppearanceSection() {
  const id = useId();
  const [theme, setTheme] = useState<ThemePreference>(currentTheme);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function choose(next: ThemePreference) {
    const previous = theme;
    setTheme(next);
    setError(null);
    setStatus(null);
    try {
      await saveTheme(next);
      setStatus('Theme saved for this computer.');
    } catch (failure) {
      setTheme(previous);
      setError(`The theme could not be saved: ${messageOf(failure)}`);
    }
  }

  return (
    <section className="card" aria-labelledby="appearance-title">
      <h2 id="appearance-title" className="section-title">
        <Icon icon={Palette} /> Appearance
      </h2>
      <fieldset className="segmented" aria-describedby={`${id}-help`}>
        <legend className="visually-hidden">Theme</legend>
        {choices.map((choice) => (
          <label key={choice.value}>
            <input
              type="radio"
              name={`${id}-theme`}
              value={choice.value}
              checked={theme === choice.value}
              onChange={() => void choose(choice.value)}
            />
            <Icon icon={choice.icon} /> {choice.label}
          </label>
        ))}
      </fieldset>
      <p id={`${id}-help`} className="muted small">
        Kept for this computer, and used on the lock screen too.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <output aria-live="polite">{status}</output>
    </section>
  );
}
