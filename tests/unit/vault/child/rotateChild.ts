/**
 * Run in a child process by the kill tests (bundled first, see bundleChild.ts).
 *   rotate DIR PASS    rotate the vault key, printing "ready" first and "rotated <recovery key>"
 *                      once done, then exit
 */
import { rotateVaultKey } from '../../../../main/vault/rotateVaultKey';

const [mode, dir, pass] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  if (mode === 'rotate') {
    say('ready');
    const { recoveryKey } = await rotateVaultKey(dir!, pass!);
    say(`rotated ${recoveryKey}`);
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
