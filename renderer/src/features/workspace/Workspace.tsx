import { useState } from 'react';
import { call, messageOf } from '../../data/api';

/** The unlocked app: navigation and the current page. */
export function Workspace() {
  const [error, setError] = useState<string | null>(null);

  async function lock() {
    try {
      await call('vault:lock');
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <div className="workspace">
      <header className="topbar">
        <span className="brand">Attune</span>
        <button type="button" onClick={lock}>
          Lock
        </button>
      </header>
      <main>
        <h1>Clients</h1>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </main>
    </div>
  );
}
