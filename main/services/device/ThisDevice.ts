import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { atomicWriteFile } from '../../vault/atomicWrite';
import { type KeptAsideReason, keptAsideNameOf } from '../../vault/switchVaultFolder';
import { type SeenState, seenStateSchema } from '../../vault/v2/seenFile';
import type { DeviceIdentity, LocalSeenStore } from '../../vault/v2/syncedVaultTypes';
import { isNotFound, nodeVaultFs, type VaultFs } from '../../vault/vaultFs';
import type { DeviceConfigStore } from './DeviceConfigStore';

/** The folder in the data folder (never the vault folder) where this computer keeps what it has seen of each vault. */
export const SEEN_DIR = 'sync-seen';

/**
 * A computer's network name made readable: "Office-iMac.local" → "Office iMac". The name is only
 * a default the user can change; other computers show it ("Also open on Office iMac").
 */
export function deviceNameFromHostname(host: string): string {
  const name = host
    .split('.')[0]!
    .replace(/[-_]+/g, ' ')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a name with control characters is refused.
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 60)
    .trim();
  return name.length > 0 ? name : 'This computer';
}

/**
 * This computer as a vault shared by several computers knows it (FORMAT.md §2, §9): its id
 * and name, kept in this computer's settings (attune-device.json), and what it has seen of each
 * vault's logs, kept in the data folder beside them, so rolling back the whole vault folder is
 * noticed too. Nothing of this is ever written into the vault folder.
 */
export class ThisDevice {
  /** The identity handed to the open vault: renaming changes it in place, so its presence shows the new name. */
  #identity: { hex: string; name: string } | null = null;

  constructor(
    private readonly config: DeviceConfigStore,
    private readonly host: () => string = hostname,
    private readonly fs: VaultFs = nodeVaultFs,
  ) {}

  /** This computer's data folder (its settings; never the vault folder). */
  get dataDir(): string {
    return this.config.dataDir;
  }

  /** This computer's id (drawn once and kept) and name. */
  async identity(): Promise<DeviceIdentity & { hex: string }> {
    let { device } = await this.config.read();
    if (device.id === null) {
      device = (
        await this.config.update((c) => ({
          ...c,
          device: { ...c.device, id: c.device.id ?? randomBytes(16).toString('hex') },
        }))
      ).device;
    }
    const name = device.name ?? deviceNameFromHostname(this.host());
    if (this.#identity?.hex === device.id) this.#identity.name = name;
    else this.#identity = { hex: device.id as string, name };
    return this.#identity;
  }

  /** This computer's id if it has one already (none is drawn: for read-only checks). */
  async knownHex(): Promise<string | null> {
    return (await this.config.read()).device.id;
  }

  /**
   * Remembers the id this computer carries on under after its own log was found rolled back
   * (FORMAT.md §9): it must never append to the old one again.
   */
  async remember(hex: string): Promise<void> {
    await this.config.update((c) => ({ ...c, device: { ...c.device, id: hex } }));
    if (this.#identity) this.#identity.hex = hex;
  }

  /**
   * Whether `dir` is an old copy of the vault Attune put aside: named as Attune names them (moved,
   * replaced, the format-1 copy) or listed in this computer's settings as an old copy, and not
   * the folder those settings name as the vault. What it was put aside as, or null.
   */
  async keptAsideCopy(
    dir: string,
  ): Promise<{ reason: KeptAsideReason | 'listed'; original: string | null } | null> {
    const config = await this.config.read();
    const path = resolve(dir);
    if (config.vaultDir !== null && resolve(config.vaultDir) === path) return null;
    const named = keptAsideNameOf(path);
    if (named) return named;
    return config.oldVaultCopies.some((p) => resolve(p) === path)
      ? { reason: 'listed', original: null }
      : null;
  }

  /** Renames this computer; the open vault's presence shows the new name at its next heartbeat. */
  async rename(name: string): Promise<string> {
    const trimmed = typeof name === 'string' ? name.trim() : '';
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
    if (trimmed.length === 0 || trimmed.length > 60 || /[\u0000-\u001f\u007f]/.test(trimmed)) {
      throw new AttuneError(
        'invalid-input',
        'Enter a name for this computer of 1 to 60 characters on one line, for example “Office iMac”.',
      );
    }
    await this.config.update((c) => ({ ...c, device: { ...c.device, name: trimmed } }));
    if (this.#identity) this.#identity.name = trimmed;
    return trimmed;
  }

  /**
   * Where this computer keeps its own copy of what it has seen of the vault `vaultHex()` names
   * (null while it is not known yet, as during create: nothing is kept until it is).
   */
  localSeen(vaultHex: () => string | null): LocalSeenStore {
    const pathOf = (): string | null => {
      const hex = vaultHex();
      return hex && /^[0-9a-f]{32}$/.test(hex) ? join(this.config.dataDir, SEEN_DIR, `${hex}.json`) : null;
    };
    return {
      load: async (): Promise<SeenState | null> => {
        const path = pathOf();
        if (!path) return null;
        try {
          const parsed = seenStateSchema.safeParse(
            JSON.parse((await this.fs.readFile(path)).toString('utf8')),
          );
          return parsed.success ? parsed.data : null;
        } catch (error) {
          // Missing: nothing seen yet. Damaged: the vault's own seen.bin still holds the claims.
          if (isNotFound(error) || error instanceof SyntaxError) return null;
          throw error;
        }
      },
      save: async (state: SeenState): Promise<void> => {
        const path = pathOf();
        if (!path) return;
        await this.fs.mkdir(join(this.config.dataDir, SEEN_DIR), { mode: 0o700, recursive: true });
        await atomicWriteFile(
          this.fs,
          path,
          Buffer.from(JSON.stringify(seenStateSchema.parse(state)), 'utf8'),
          {
            syncDir: false,
          },
        );
      },
    };
  }
}
