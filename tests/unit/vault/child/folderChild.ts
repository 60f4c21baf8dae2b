/**
 * Run in a child process by the kill tests (bundled first, see bundleChild.ts).
 *   rotate DIR PASS    rotate the vault key, printing "ready" first and "rotated <recovery key>"
 *                      once done, then exit
 *   move DATA PASS TO  move the vault of the data folder DATA (where its settings say) to TO,
 *                      recording the new place in the settings as the app does; "moved" once done
 */
import { join } from 'node:path';
import { DeviceConfigStore } from '../../../../main/services/device/DeviceConfigStore';
import { moveVaultTo } from '../../../../main/services/vaultPlace/moveVaultTo';
import { rotateVaultKey } from '../../../../main/vault/rotateVaultKey';

const [mode, dir, pass, to] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  if (mode === 'rotate') {
    say('ready');
    const { recoveryKey } = await rotateVaultKey(dir!, pass!);
    say(`rotated ${recoveryKey}`);
    return;
  }
  if (mode === 'move') {
    const config = new DeviceConfigStore(dir!);
    const fallback = join(dir!, 'vault');
    const from = (await config.read()).vaultDir ?? fallback;
    say('ready');
    await moveVaultTo(config, from, to!, pass!, fallback);
    say('moved');
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
