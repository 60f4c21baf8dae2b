/**
 * Run in a child process by the kill and lock tests (bundled first, see bundleChild.ts).
 *   hold DIR PASS            open the vault, print "ready", wait to be killed
 *   save DIR PASS_A PASS_B START CHECKPOINT_EVERY
 *                            open with either passphrase, then save in a loop, printing a line
 *                            after each change is durable, until killed
 */
import { AttuneError } from '../../../../shared/ipc/result';
import { Vault } from '../../../../main/vault/Vault';

const [mode, dir, passA, passB, startText, everyText] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function openEither(): Promise<{ vault: Vault; pass: string }> {
  for (const pass of [passA!, passB!]) {
    try {
      return {
        vault: await Vault.open(dir!, { passphrase: pass }, { checkpointEvery: Number(everyText ?? 256) }),
        pass,
      };
    } catch (error) {
      if (!(error instanceof AttuneError && error.kind === 'wrong-passphrase')) throw error;
    }
  }
  throw new Error('neither passphrase opens the vault');
}

async function main() {
  if (mode === 'hold') {
    await Vault.open(dir!, { passphrase: passA! });
    say('ready');
    setInterval(() => undefined, 1000);
    return;
  }
  let { vault, pass } = await openEither();
  let n = Number(startText);
  const ids = ['r0', 'r1', 'r2', 'r3', 'r4'];
  const pad = 'p'.repeat(3000);
  say('ready');
  for (;;) {
    const roll = Math.random();
    if (roll < 0.75) {
      const id = ids[Math.floor(Math.random() * ids.length)]!;
      const value = ++n;
      say(`try ${id} ${value}`);
      await vault.put('note', id, { id, n: value, pad });
      say(`saved ${id} ${value}`);
    } else if (roll < 0.9) {
      const a = ids[Math.floor(Math.random() * ids.length)]!;
      const b = ids.find((x) => x !== a)!;
      const value = ++n;
      say(`try ${a} ${value}`);
      say(`try ${b} ${value}`);
      await vault.putMany([
        { kind: 'note', id: a, value: { id: a, n: value, pad } },
        { kind: 'note', id: b, value: { id: b, n: value, pad } },
      ]);
      say(`saved ${a} ${value}`);
      say(`saved ${b} ${value}`);
    } else if (roll < 0.95) {
      await vault.appendAudit('export', { n });
    } else {
      const next = pass === passA ? passB! : passA!;
      const label = next === passA ? 'A' : 'B';
      say(`try-pass ${label}`);
      await vault.changePassphrase(next);
      pass = next;
      say(`pass ${label}`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
