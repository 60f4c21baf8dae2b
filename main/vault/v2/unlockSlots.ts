import { AttuneError } from '../../../shared/errors';
import { unwrapKey } from '../header';
import { deriveKek, type KdfParams } from '../kdf';
import { recoveryKek as recoveryKekV1 } from '../keys';
import { parseRecoveryKey } from '../recoveryKey';
import type { VaultSecret } from '../unlock';
import {
  format1RecoveryAd,
  type KeySlots,
  passphraseAd,
  recoveryAd,
  sameSlots,
  slotsMacValid,
} from './keySlotsCodec';
import type { SyncProblem } from './types';
import { deriveV2Keys, recoveryIdOf, recoveryKekV2, type V2Keys, zeroV2Keys } from './v2Keys';

type SlotFile = { deviceHex: string; file?: string; slots: KeySlots };

export interface Unlocked {
  vaultKey: Buffer;
  keys: V2Keys;
  /** The slots every device converges to: highest epoch, then highest device id (§4). */
  winner: { deviceHex: string; slots: KeySlots };
  epoch: number;
  via: 'passphrase' | 'recovery';
  /** Slots at the highest epoch whose MAC is wrong under the vault's key: altered, never adopted. */
  problems: SyncProblem[];
}

const wrongPassphrase = (): AttuneError =>
  new AttuneError(
    'wrong-passphrase',
    'That passphrase does not open this vault. Check it and try again, or use your recovery key.',
  );

/**
 * The secret opens none of the newest key files while older ones exist: a passphrase changed on
 * another computer, or a file whose epoch was raised outside Attune (FORMAT.md §4). Named, so the
 * user can tell which, and what to remove if nobody changed anything.
 */
const notNewest = (files: readonly SlotFile[]): AttuneError => {
  const names = files.map((f) => f.file ?? `devices/${f.deviceHex}/keys.json`);
  return new AttuneError(
    'wrong-passphrase',
    `That passphrase does not open this vault’s newest key file (${names.join(', ')}), written when the passphrase was last changed. If it was changed on another computer, use the new passphrase or your recovery key. If nobody changed it, that file was altered outside Attune: remove it from the vault folder or restore the vault from a backup, then try again.`,
  );
};

const wrongRecoveryKey = (): AttuneError =>
  new AttuneError(
    'wrong-passphrase',
    'That recovery key is typed correctly but does not open this vault: it may be an older key that was replaced by a newer one, or the key of another vault. Use the latest recovery key Attune showed you for this vault.',
  );

/**
 * The secret opened slots of the newest key file(s), whose MAC then failed: altered, most often
 * an epoch raised without the key (only the checksum needs none). FORMAT.md §4 stops the unlock
 * (never a fall-back to a lower epoch), so the message names the file(s) and, when other key
 * files are there, says that moving them out lets those open the vault: the user's way out.
 */
const altered = (names: readonly string[], othersRemain: boolean, secret: string): AttuneError => {
  const one = names.length === 1;
  const which = `${one ? 'key file' : 'key files'} ${names.join(', ')} ${one ? 'was' : 'were'}`;
  const head = `The vault’s ${which} altered by something other than Attune (${secret} opens ${one ? 'it' : 'them'}, but ${one ? 'its integrity check fails' : 'their integrity checks fail'}), so the vault was not opened`;
  return new AttuneError(
    'integrity',
    othersRemain
      ? `${head}. If nobody changed the passphrase or rotated the key on another computer, move ${one ? 'that file' : 'those files'} out of the vault folder (keep ${one ? 'it' : 'them'} until the vault opens) and try again: the other key files then open the vault. Otherwise restore the vault from a backup.`
      : `${head}, and no other key file can open it. Restore the vault from a backup.`,
  );
};

/**
 * Key files were read, but none names the vault id of the marker (attune-vault.json): the marker
 * or the key files come from another vault (copied over by mistake), or the key was rotated on
 * another computer (a new vault id) and its new files have not all arrived. Without the key no
 * reader can tell which, so both vault ids are named and both causes said.
 */
const noKeyFileOfThisVault = (files: readonly SlotFile[], vaultId: Buffer): AttuneError => {
  const others = [...new Set(files.map((f) => f.slots.vaultId.toString('hex')))];
  const one = others.length === 1;
  return new AttuneError(
    'integrity',
    `The vault cannot be opened: attune-vault.json names vault ${vaultId.toString('hex')}, but its key files (keys.json) belong to ${one ? 'another vault' : 'other vaults'}, ${others.join(', ')}. Either attune-vault.json or the key files were copied here from another vault folder (put this vault's own back, or restore the vault from a backup), or the vault key was rotated on another computer and its new files have not all arrived (wait for the sync app to finish).`,
  );
};

/** The most distinct passphrase slots one unlock derives keys for (two computers changing the passphrase at once make two). */
export const MAX_DERIVATIONS = 4;

const tooManyKeyFiles = (count: number): AttuneError =>
  new AttuneError(
    'integrity',
    `This vault folder holds ${count} different key files of the newest kind, more than Attune tries at one unlock; the passphrase did not open the ones tried. Key files are not made this way by Attune: check who can write to the vault folder, or open it with your recovery key, or restore the vault from a backup.`,
  );

const kdfKey = (s: KeySlots): string =>
  `${s.salt.toString('hex')}:${s.kdf.memoryKiB}:${s.kdf.iterations}:${s.kdf.parallelism}`;

/** Opens the passphrase slots, each distinct salt and settings derived once (the KDF is slow). */
async function openWithPassphrase(
  slots: KeySlots[],
  passphrase: string,
  derive: (passphrase: string, salt: Buffer, params: KdfParams) => Promise<Buffer>,
  authentic: (vaultKey: Buffer, slots: KeySlots) => boolean,
): Promise<{ vaultKey: Buffer; slots: KeySlots } | null> {
  const kekBySalt = new Map<string, Buffer>();
  try {
    for (const s of slots) {
      let kek = kekBySalt.get(kdfKey(s));
      if (!kek) {
        kek = await derive(passphrase, s.salt, s.kdf);
        kekBySalt.set(kdfKey(s), kek);
      }
      const vaultKey = unwrapKey(kek, s.passphrase, passphraseAd(s));
      if (vaultKey && authentic(vaultKey, s)) return { vaultKey, slots: s };
      vaultKey?.fill(0);
    }
    return null;
  } finally {
    for (const kek of kekBySalt.values()) kek.fill(0);
  }
}

function openWithRecoveryKey(
  slots: KeySlots[],
  text: string,
  vaultId: Buffer,
  authentic: (vaultKey: Buffer, slots: KeySlots) => boolean,
): { vaultKey: Buffer; slots: KeySlots } | null {
  const recoveryKey = parseRecoveryKey(text);
  const recoveryId = recoveryIdOf(recoveryKey);
  const kek = recoveryKekV2(recoveryKey, vaultId);
  // A slot carried over from format 1 by the upgrade (§14) is opened the way format 1 opens it.
  const kekV1 = slots.some((s) => s.recovery.format1) ? recoveryKekV1(recoveryKey, vaultId) : null;
  recoveryKey.fill(0);
  try {
    for (const s of slots) {
      const r = s.recovery;
      // The id tells which slot this key was made for; another key's slot cannot open anyway.
      const vaultKey = r.format1
        ? kekV1 && unwrapKey(kekV1, r, format1RecoveryAd(vaultId))
        : r.recoveryId.equals(recoveryId)
          ? unwrapKey(kek, r, recoveryAd(vaultId, r.recoveryId))
          : null;
      if (vaultKey && authentic(vaultKey, s)) return { vaultKey, slots: s };
      vaultKey?.fill(0);
    }
    return null;
  } finally {
    kek.fill(0);
    kekV1?.fill(0);
  }
}

/**
 * Unlocks with the newest key slots of any device (FORMAT.md §4): only slots at the highest
 * epoch are tried, so once a change of passphrase has arrived the old one no longer opens the
 * vault. The opened slot's MAC must verify under the vault key; slots at that epoch whose MAC does
 * not are reported and never chosen as the winner. `derive` is the KDF (a test counts its runs).
 */
export async function unlockSlots(
  files: SlotFile[],
  secret: VaultSecret,
  vaultId: Buffer,
  derive: (passphrase: string, salt: Buffer, params: KdfParams) => Promise<Buffer> = deriveKek,
  /** This computer's device id, when known: its own key file is tried first. */
  own?: string,
): Promise<Unlocked> {
  // Slots of another vault (a folder copied in by mistake) can never open this one.
  const mine = files.filter((f) => f.slots.vaultId.equals(vaultId));
  if (mine.length === 0 && files.length > 0) throw noKeyFileOfThisVault(files, vaultId);
  if (mine.length === 0) {
    throw new AttuneError(
      'integrity',
      'None of the vault’s key files (keys.json) could be read, so the vault cannot be opened. If the vault is still syncing, wait for it to finish; otherwise restore the vault from a backup.',
    );
  }
  const epoch = Math.max(...mine.map((f) => f.slots.epoch));
  // Highest device id first: the winner's order, and the order slots are tried in.
  const newest = mine
    .filter((f) => f.slots.epoch === epoch)
    .sort((a, b) => (a.deviceHex < b.deviceHex ? 1 : a.deviceHex > b.deviceHex ? -1 : 0));
  // Tried in this order: this computer's own file, then the slots most files share (every
  // computer copies the newest file as it is), then the highest device id.
  const shared = (slots: KeySlots) => newest.filter((f) => sameSlots(f.slots, slots)).length;
  const tried = [...newest].sort(
    (a, b) => Number(b.deviceHex === own) - Number(a.deviceHex === own) || shared(b.slots) - shared(a.slots),
  );
  const distinct: KeySlots[] = [];
  for (const f of tried) if (!distinct.some((s) => sameSlots(s, f.slots))) distinct.push(f.slots);

  let opened: { vaultKey: Buffer; slots: KeySlots } | null;
  let via: Unlocked['via'];
  // A slot opens only if its file's MAC verifies under the key it gives: a copy of a real slot
  // with other settings (planted, or altered) is passed over, never taken as the vault's.
  const alteredSlots: KeySlots[] = [];
  const authentic = (vaultKey: Buffer, slots: KeySlots): boolean => {
    // From a copy: zeroing what it derives zeroes the key it was given too.
    const keys = deriveV2Keys(Buffer.from(vaultKey), vaultId);
    const ok = slotsMacValid(keys.keysMac, slots);
    zeroV2Keys(keys);
    if (!ok) alteredSlots.push(slots);
    return ok;
  };
  const alteredSeen = () => alteredSlots.length > 0;
  // The files holding the slots that opened but failed their MAC (or, failing that, every newest one).
  const alteredError = (secret: 'the passphrase' | 'the recovery key'): AttuneError => {
    const bad = newest.filter((f) => alteredSlots.some((s) => sameSlots(s, f.slots)));
    const named = bad.length > 0 ? bad : newest;
    return altered(
      named.map((f) => f.file ?? `devices/${f.deviceHex}/keys.json`),
      mine.some((f) => !named.includes(f)),
      secret,
    );
  };
  if (secret && 'passphrase' in secret && typeof secret.passphrase === 'string') {
    // Each distinct slot costs a key derivation (up to seconds): whoever can write to a synced
    // folder could add key files without end and make an unlock take as long as they like.
    opened = await openWithPassphrase(
      distinct.slice(0, MAX_DERIVATIONS),
      secret.passphrase,
      derive,
      authentic,
    );
    if (!opened && alteredSeen()) throw alteredError('the passphrase');
    if (!opened && distinct.length > MAX_DERIVATIONS) throw tooManyKeyFiles(distinct.length);
    if (!opened) throw mine.some((f) => f.slots.epoch < epoch) ? notNewest(newest) : wrongPassphrase();
    via = 'passphrase';
  } else if (secret && 'recoveryKey' in secret && typeof secret.recoveryKey === 'string') {
    opened = openWithRecoveryKey(distinct, secret.recoveryKey, vaultId, authentic);
    if (!opened) throw alteredSeen() ? alteredError('the recovery key') : wrongRecoveryKey();
    via = 'recovery';
  } else {
    throw new AttuneError('invalid-input', 'Enter the vault’s passphrase or its recovery key.');
  }

  const keys = deriveV2Keys(opened.vaultKey, vaultId);
  const problems: SyncProblem[] = [];
  let winner: { deviceHex: string; slots: KeySlots } | null = null;
  for (const f of newest) {
    if (slotsMacValid(keys.keysMac, f.slots)) {
      winner ??= { deviceHex: f.deviceHex, slots: f.slots };
      continue;
    }
    const file = f.file ?? `devices/${f.deviceHex}/keys.json`;
    problems.push({
      type: 'damage',
      file,
      deviceHex: f.deviceHex,
      message: `${file} was altered by something other than Attune, so it is ignored; the computer it belongs to replaces it the next time it opens the vault. If this keeps happening, check who can write to the vault folder.`,
    });
  }
  // The opened slot verified, so some file at this epoch holds it.
  if (!winner) throw alteredError(via === 'passphrase' ? 'the passphrase' : 'the recovery key');
  return { vaultKey: opened.vaultKey, keys, winner, epoch, via, problems };
}
