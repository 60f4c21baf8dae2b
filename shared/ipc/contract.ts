import { z } from 'zod';

/**
 * The one IPC contract: method name (`domain:verb`) → zod input schema and output type.
 * Main validates every input against these schemas; the renderer's calls are typed by them.
 * Outputs are JSON-safe plain data (ISO date strings, arrays, records).
 */

/** A phantom marker carrying an output type; it holds no value at run time. */
const returns = <T>() => undefined as unknown as T;

const none = z.undefined();

/** Passphrases are checked for length only here; strength is judged in the UI and the vault. */
export const passphraseInput = z
  .string()
  .min(1, 'Enter a passphrase.')
  .max(1024, 'A passphrase can be at most 1024 characters.');

export const newPassphraseInput = z
  .string()
  .min(10, 'Use a passphrase of at least 10 characters.')
  .max(1024, 'A passphrase can be at most 1024 characters.');

export type VaultState = 'absent' | 'locked' | 'unlocked';

export interface VaultStatus {
  state: VaultState;
  /** Where the vault lives on disk, so the user can find it for backups. */
  location: string;
}

export interface AppInfo {
  name: string;
  version: string;
  /** Methods this build of main answers; the renderer can show what is available. */
  methods: string[];
}

export const contract = {
  'app:info': { input: none, output: returns<AppInfo>() },
  'vault:status': { input: none, output: returns<VaultStatus>() },
  'vault:create': {
    input: z.strictObject({ passphrase: newPassphraseInput }),
    output: returns<{ recoveryKey: string; status: VaultStatus }>(),
  },
  'vault:unlock': {
    input: z.strictObject({ passphrase: passphraseInput }),
    output: returns<VaultStatus>(),
  },
  'vault:lock': { input: none, output: returns<VaultStatus>() },
  'vault:changePassphrase': {
    input: z.strictObject({ current: passphraseInput, next: newPassphraseInput }),
    output: returns<VaultStatus>(),
  },
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
/** What the caller passes (before zod defaults and transforms). */
export type InputOf<M extends Method> = z.input<Contract[M]['input']>;
/** What the handler receives (after validation). */
export type ParsedInputOf<M extends Method> = z.output<Contract[M]['input']>;
export type OutputOf<M extends Method> = Contract[M]['output'];

export const methods = Object.keys(contract) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
