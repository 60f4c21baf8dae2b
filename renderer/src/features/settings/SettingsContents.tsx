import './settingsContents.css';
import { settingsSections, showSettingsSection } from './settingsSections';

/** Settings' sections as a row of links at the top: the page is long, and each is one jump away. */
export function SettingsContents() {
  return (
    <nav className="settings-contents" aria-label="Settings sections">
      <ul>
        {settingsSections.map((s) => (
          <li key={s.heading}>
            <button type="button" className="link" onClick={() => showSettingsSection(s.heading)}>
              {s.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
