import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The per-user data folder the app uses (Electron's userData for "Attune"), where this computer's
 * settings live: the CLI opens a vault shared by several computers as the same computer the app
 * is, never as a new one each run. ATTUNE_DATA_DIR overrides it (tests, a second profile).
 */
export function cliDataDir(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.ATTUNE_DATA_DIR) return resolve(env.ATTUNE_DATA_DIR);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Attune');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Attune');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Attune');
}
