// Base styles first (the bundled font, the tokens, the shared components), so each feature's own
// CSS, imported with its components, comes later in the cascade.
import '@fontsource-variable/inter';
import './theme/tokens.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadTheme } from './theme/theme';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// The theme chosen on this computer is applied before the first screen (the lock screen) paints.
void loadTheme().finally(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
