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

/**
 * Reads and writes this computer's settings (`attune-device.json` in the data folder): plain
 * JSON, written atomically and durably. A missing file means defaults. A damaged file is never
 * fatal (the vault does not depend on it): it reads as defaults, `damaged` says so, and the next
 * write replaces it. Writes are queued, so two updates never lose one another's changes.
 */
export class DeviceConfigStore {
  #queue: Promise<unknown> = Promise.resolve();
  /** Set when the file on disk could not be read as settings (shown to the user once). */
  damaged = false;

  constructor(
    readonly dataDir: string,
    private readonly fs: VaultFs = nodeVaultFs,
  ) {}

  get path(): string {
    return join(this.dataDir, DEVICE_CONFIG_FILE);
  }

  async read(): Promise<DeviceConfig> {
    let bytes: Buffer;
    try {
      bytes = await this.fs.readFile(this.path);
    } catch (error) {
      if (isNotFound(error)) return defaultDeviceConfig();
      throw error;
    }
    try {
      const parsed = deviceConfigSchema.safeParse(JSON.parse(bytes.toString('utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: falls through to defaults
    }
    this.damaged = true;
    return defaultDeviceConfig();
  }

  /** Applies `change` to the current settings and stores the result; resolves to what was stored. */
  update(change: (current: DeviceConfig) => DeviceConfig): Promise<DeviceConfig> {
    const run = this.#queue.then(async () => {
      const next = deviceConfigSchema.parse(change(await this.read()));
      await this.fs.mkdir(this.dataDir, { mode: 0o700, recursive: true });
      await atomicWriteFile(this.fs, this.path, Buffer.from(`${JSON.stringify(next, null, 2)}\n`), {
        syncDir: true,
      });
      this.damaged = false;
      return next;
    });
    this.#queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
}
