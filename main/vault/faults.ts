import { crashForTests, type Vault } from './Vault';
import { nodeVaultFs, type VaultFs } from './vaultFs';

/** An error shaped like the ones node:fs throws. */
export function fsError(code: string, syscall = 'write'): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated failure, ${syscall}`), { code, syscall, errno: -1 });
}

export interface FaultPlan {
  /** Fail the n-th file-system call (1-based) counted from when the plan was armed. */
  at: number;
  /** 'once': only that call fails. 'crash': that call and every later one fail, like a dead process. */
  mode?: 'once' | 'crash';
  /** Default EIO. */
  error?: () => NodeJS.ErrnoException;
  /** Count only the calls this accepts (e.g. only writes); others pass through uncounted. */
  only?: (op: keyof VaultFs) => boolean;
}

/**
 * A VaultFs that passes calls to `inner` and can fail at a chosen step. Tests run an operation
 * once with no plan to count its steps (`steps`), then once per step with a plan that fails it.
 */
export class FaultyFs implements VaultFs {
  /** Every call made while armed or counting, as "op path-or-fd". */
  readonly log: string[] = [];
  private plan: FaultPlan | null = null;
  private counted = 0;
  private crashed = false;

  constructor(private readonly inner: VaultFs = nodeVaultFs) {}

  /** Starts counting calls from zero; with a plan, fails as it says. */
  arm(plan: FaultPlan | null = null): void {
    this.plan = plan;
    this.counted = 0;
    this.crashed = false;
    this.log.length = 0;
  }

  disarm(): void {
    this.plan = null;
    this.crashed = false;
  }

  /** How many calls were counted since `arm`. */
  get steps(): number {
    return this.counted;
  }

  /** True once the planned failure has happened. */
  get fired(): boolean {
    return this.plan !== null && this.counted >= this.plan.at;
  }

  private step(op: keyof VaultFs, target: unknown): void {
    if (this.plan?.only && !this.plan.only(op)) return;
    this.counted++;
    this.log.push(`${op} ${String(target)}`);
    if (!this.plan) return;
    if (this.crashed || this.counted === this.plan.at) {
      if ((this.plan.mode ?? 'crash') === 'crash') this.crashed = true;
      throw (this.plan.error ?? (() => fsError('EIO', op)))();
    }
  }

  private async run<T>(op: keyof VaultFs, target: unknown, call: () => Promise<T>): Promise<T> {
    this.step(op, target);
    return call();
  }

  readFile = (path: string) => this.run('readFile', path, () => this.inner.readFile(path));
  readFileSync = (path: string, size?: number, scratch?: Buffer) => {
    this.step('readFileSync', path);
    return this.inner.readFileSync(path, size, scratch);
  };
  open = (path: string, flags: string, mode?: number) =>
    this.run('open', path, () => this.inner.open(path, flags, mode));
  write = (fd: number, data: Buffer, position: number) =>
    this.run('write', fd, () => this.inner.write(fd, data, position));
  read = (fd: number, length: number, position: number) =>
    this.run('read', fd, () => this.inner.read(fd, length, position));
  fsync = (fd: number) => this.run('fsync', fd, () => this.inner.fsync(fd));
  fdatasync = (fd: number) => this.run('fdatasync', fd, () => this.inner.fdatasync(fd));
  ftruncate = (fd: number, length: number) =>
    this.run('ftruncate', fd, () => this.inner.ftruncate(fd, length));
  close = (fd: number) => this.run('close', fd, () => this.inner.close(fd));
  rename = (from: string, to: string) => this.run('rename', to, () => this.inner.rename(from, to));
  unlink = (path: string) => this.run('unlink', path, () => this.inner.unlink(path));
  readdir = (path: string) => this.run('readdir', path, () => this.inner.readdir(path));
  mkdir = (path: string, options: { mode: number; recursive?: boolean }) =>
    this.run('mkdir', path, () => this.inner.mkdir(path, options));
  rmdir = (path: string) => this.run('rmdir', path, () => this.inner.rmdir(path));
  stat = (path: string) => this.run('stat', path, () => this.inner.stat(path));
  lstat = (path: string) => this.run('lstat', path, () => this.inner.lstat(path));
  fstat = (fd: number) => this.run('fstat', fd, () => this.inner.fstat(fd));
  link = (existing: string, newPath: string) =>
    this.run('link', newPath, () => this.inner.link(existing, newPath));
  linkSync = (existing: string, newPath: string) => {
    this.step('linkSync', newPath);
    this.inner.linkSync(existing, newPath);
  };
}

/** Only calls that change something on disk. */
export const mutatingOps = (op: keyof VaultFs): boolean =>
  !['readFile', 'readFileSync', 'read', 'readdir', 'stat', 'lstat', 'fstat'].includes(op);

/**
 * Abandons `vault` as if its process had died this instant: no further file access, keys
 * dropped, the process lock forgotten but its file left behind (it is recovered as stale, being
 * this process's own pid not held by anyone).
 */
export function simulateCrash(vault: Vault): void {
  vault[crashForTests]();
}
