import { join } from 'node:path';
import { AttuneError } from '../../shared/errors';
import { AUDIT_FILE, AUDIT_MAGIC, auditAdPrefix, followChain, GENESIS_HASH } from './auditLog';
import { scanFrames } from './frames';
import type { VaultHeader } from './header';
import type { VaultKeys } from './keys';
import type { VaultState } from './state';
import { readFailure } from './vaultErrors';
import type { VaultFs } from './vaultFs';

/**
 * The exact texts of every audit entry of a format-1 vault (the chain hashes them): those in
 * audit.bin that the manifest vouches for, then those still only in the journal. A broken chain
 * throws 'integrity': rewriting it (a key rotation, an upgrade to format 2) would make the damage
 * look authentic. `refused` ends the message: what was therefore not done.
 */
export async function readAuditTexts(
  fs: VaultFs,
  root: string,
  header: VaultHeader,
  keys: VaultKeys,
  state: VaultState,
  refused: string,
): Promise<string[]> {
  const bytes = await fs.readFile(join(root, AUDIT_FILE)).catch((error: unknown) => {
    throw readFailure(error, `audit log (${AUDIT_FILE})`);
  });
  const damaged = (what: string) =>
    new AttuneError(
      'integrity',
      `The audit log is damaged (${what}), so ${refused}. Run a vault check and restore the vault from a backup.`,
    );
  if (bytes.length < state.auditBytes) throw damaged('it is shorter than the manifest records');
  const scan = scanFrames(
    bytes.subarray(0, state.auditBytes),
    AUDIT_MAGIC,
    keys.audit,
    auditAdPrefix(header.vaultId),
  );
  if (scan.damage || scan.tornTail)
    throw damaged(scan.damage?.problem ?? 'it ends in the middle of an entry');
  const texts = [...scan.frames.map((f) => f.plaintext.toString('utf8')), ...state.pendingAudit];
  let head = { seq: 0, hash: GENESIS_HASH };
  for (const [i, text] of texts.entries()) {
    const next = followChain(head, text);
    if ('problem' in next) throw damaged(next.problem);
    head = next.head;
    if (
      i === scan.frames.length - 1 &&
      (head.seq !== state.snapshotAudit.seq || head.hash !== state.snapshotAudit.hash)
    ) {
      throw damaged('it does not end where the manifest says');
    }
  }
  if (head.seq !== state.audit.seq || head.hash !== state.audit.hash) throw damaged('entries are missing');
  return texts;
}
