import { join } from 'node:path';
import {
  type DeviceConfig,
  defaultDeviceConfig,
  deviceConfigSchema,
} from '../../../shared/domain/deviceConfigSchema';
import { atomicWriteFile } from '../../vault/atomicWrite';
import { isNotFound, nodeVaultFs, type VaultFs } from '../../vault/vaultFs';

/** The file beside the vault (in the per-user data folder) that holds this computer's settings. */
export const DEVICE_CONFIG_FILE = 'attune-device.json';
/** A second copy of the same settings, written after the first, read only when the first is damaged. */
export const DEVICE_CONFIG_COPY = 'attune-device.copy.json';

/** What reading the settings found on disk. */
export type DeviceConfigHealth = 'ok' | 'recovered-from-copy' | 'damaged';

/**
 * Reads and writes this computer's settings (`attune-device.json` in the data folder): plain
 * JSON, written atomically and durably, then written again as `attune-device.copy.json`. A
 * missing file means defaults. A damaged file is never fatal (the vault does not depend on it):
 * the copy is read instead; when both are damaged the settings read as defaults and `health`
 * says so, so the first-run screen can say that Attune lost track of the vault's folder instead
 * of offering to create a new vault as if none existed. The next write replaces both. Writes are
 * queued, so two updates never lose one another's changes.
 */
export class DeviceConfigStore {
  #queue: Promise<unknown> = Promise.resolve();
  /** What the last read found; anything but 'ok' lasts until the next successful write. */
  health: DeviceConfigHealth = 'ok';

  constructor(
    readonly dataDir: string,
    private readonly fs: VaultFs = nodeVaultFs,
  ) {}

  get path(): string {
    return join(this.dataDir, DEVICE_CONFIG_FILE);
  }

  get copyPath(): string {
    return join(this.dataDir, DEVICE_CONFIG_COPY);
  }

  async read(): Promise<DeviceConfig> {
    const main = await this.#readFile(this.path);
    if (main === 'missing') return defaultDeviceConfig();
    if (main !== 'damaged') return main;
    const copy = await this.#readFile(this.copyPath);
    if (copy !== 'missing' && copy !== 'damaged') {
      this.health = 'recovered-from-copy';
      return copy;
    }
    this.health = 'damaged';
    return defaultDeviceConfig();
  }

  async #readFile(path: string): Promise<DeviceConfig | 'missing' | 'damaged'> {
    let bytes: Buffer;
    try {
      bytes = await this.fs.readFile(path);
    } catch (error) {
      if (isNotFound(error)) return 'missing';
      throw error;
    }
    try {
      const parsed = deviceConfigSchema.safeParse(JSON.parse(bytes.toString('utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: damaged
    }
    return 'damaged';
  }

  /** Applies `change` to the current settings and stores the result; resolves to what was stored. */
  update(change: (current: DeviceConfig) => DeviceConfig): Promise<DeviceConfig> {
    const run = this.#queue.then(async () => {
      const next = deviceConfigSchema.parse(change(await this.read()));
      await this.fs.mkdir(this.dataDir, { mode: 0o700, recursive: true });
      const bytes = Buffer.from(`${JSON.stringify(next, null, 2)}\n`);
      // One after the other, never both at once: a crash leaves at least one of them whole.
      await atomicWriteFile(this.fs, this.path, bytes, { syncDir: true });
      await atomicWriteFile(this.fs, this.copyPath, bytes, { syncDir: true });
      this.health = 'ok';
      return next;
    });
    this.#queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
}
