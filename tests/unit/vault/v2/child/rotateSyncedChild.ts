/**
 * Run in a child process by the format-2 rotation and move kill tests (bundled first, see
 * tests/unit/vault/child/bundleChild.ts). The KDF is the vault's own (its key files say which).
 *   rotate DIR PASS DEVICE   rotate the key of the format-2 vault DIR as this computer (DEVICE
 *                            hex), printing "ready" first and "rotated <recovery key>" once done
 *   move DATA PASS TO DEVICE move the vault of the data folder DATA (where its settings say) to
 *                            TO, recording the new place as the app does; "moved" once done
 */
import { join } from 'node:path';
import { DeviceConfigStore } from '../../../../../main/services/device/DeviceConfigStore';
import { moveVaultTo } from '../../../../../main/services/vaultPlace/moveVaultTo';
import { rotateSyncedVault } from '../../../../../main/vault/v2/rotateSyncedVault';

const [mode, dir, pass, a3, a4] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  if (mode === 'rotate') {
    say('ready');
    const { recoveryKey } = await rotateSyncedVault(dir!, pass!, {
      device: { hex: a3!, name: 'Office iMac' },
    });
    say(`rotated ${recoveryKey}`);
    return;
  }
  if (mode === 'move') {
    const config = new DeviceConfigStore(dir!);
    const fallback = join(dir!, 'vault');
    const from = (await config.read()).vaultDir ?? fallback;
    say('ready');
    await moveVaultTo(config, from, a3!, pass!, fallback, { deviceHex: a4! });
    say('moved');
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
