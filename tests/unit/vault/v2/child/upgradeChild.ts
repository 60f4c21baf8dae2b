/**
 * Run in a child process by the upgrade kill test (bundled first, see ../../child/bundleChild.ts).
 *   DIR PASS HEX   upgrades the format-1 vault in DIR to format 2 as device HEX, printing "ready"
 *                  first and "upgraded" once done, then exits
 */
import { upgradeFormat1 } from '../../../../../main/vault/v2/upgradeFormat1';

const [dir, pass, hex] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  say('ready');
  await upgradeFormat1(dir as string, pass as string, { hex: hex as string, name: 'Office iMac' });
  say('upgraded');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
