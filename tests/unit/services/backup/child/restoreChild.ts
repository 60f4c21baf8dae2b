/**
 * Run in a child process by the restore kill test (bundled first, see vault/child/bundleChild.ts).
 *   restore VAULT_DIR BACKUP_FOLDER VAULT_ID GENERATION PASS
 *     restores the generation beside the vault and switches folders as the app's restore does,
 *     printing "ready" first and "restored" once done, then exits
 */
import { randomBytes } from 'node:crypto';
import { vaultBackupEngine } from '../../../../../main/services/backup/vaultBackupEngine';

const [mode, vaultDir, folder, vaultId, generation, pass] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  if (mode !== 'restore') throw new Error(`unknown mode ${mode}`);
  say('ready');
  const prepared = `${vaultDir!}.restoring-${randomBytes(4).toString('hex')}`;
  await vaultBackupEngine.restore(folder!, vaultId!, generation!, pass!, prepared);
  await vaultBackupEngine.switchFolder(vaultDir!, prepared, new Date());
  say('restored');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
