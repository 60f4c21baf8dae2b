import { exportMegabytes, MAX_IMPORT_BYTES } from '../exchange/exportFileSchema';

/**
 * What the app says of an export of `bytes` that import would refuse, or null when it would take
 * it: the export is written all the same (it is a full, readable copy), but it is no way to move
 * the vault, and the user should hear that while the vault is still there.
 */
export function exportSizeWarning(bytes: number): string | null {
  if (bytes <= MAX_IMPORT_BYTES) return null;
  const mb = exportMegabytes(bytes);
  return (
    `This file is ${mb} MB, more than Attune imports (200 MB), so it cannot be imported as it stands. ` +
    'To move the whole vault to another computer, use a backup instead: Back up now in Settings → Backups, ' +
    'then Restore from a backup… on the other computer.'
  );
}
