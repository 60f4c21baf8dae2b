import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { endSoonSource, endThread } from './endThread';

/** The Argon2id settings one derivation uses (the header's, or a review file's). */
export interface Argon2Job {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  hashLength: number;
}

/**
 * How long the thread waits for another derivation before it ends. A passphrase change derives
 * twice in a row and the CLI and tests derive in bursts; each new thread costs ~50 ms to start.
 * Ending it soon after frees its WASM memory, which held the passphrase and the Argon2 blocks.
 */
export const KDF_THREAD_KEEP_ALIVE_MS = 1000;

/**
 * A thread that derived with more memory than this ends at once instead: its WASM memory never
 * shrinks, and an unlock's derivation (64 MiB) would otherwise stay through the second after it,
 * when the vault's records are read and decrypted and the search starts (72 MiB more RSS then,
 * `attune bench`). Starting a thread again costs ~50 ms against a derivation of half a second or
 * more; the small derivations of tests and bursts keep the thread.
 */
export const KDF_THREAD_KEEP_MAX_KIB = 16384;

/**
 * hash-wasm's standalone Argon2 build: a UMD script with its WASM inlined and no imports, so the
 * worker can run it from text. The parent reads it (the parent's `fs` reads inside app.asar, a
 * worker's might not) once, where the module resolver finds it from the sources (vitest,
 * Playwright) and from the build (out/main, bin/attune.cjs, app.asar) alike.
 */
let argon2Script: string | undefined;
function hashWasmArgon2(): string {
  argon2Script ??= readFileSync(require.resolve('hash-wasm/dist/argon2.umd.min.js'), 'utf8');
  return argon2Script;
}

/**
 * The thread's program: loads hash-wasm into a private object, then for each job derives, zeroes
 * the passphrase and its own copy of the key, and hands the key back by transfer (no copy left).
 */
const threadProgram = (hashWasm: string): string => `'use strict';
const { parentPort } = require('node:worker_threads');
const hashwasm = {};
(function (exports, module, define) {
${hashWasm}
}).call(undefined, hashwasm, { exports: hashwasm }, undefined);
${endSoonSource}
// Asked to end: a job after that (main never sends one) is not run.
let ending = false;
parentPort.on('message', (message) => {
  if (ending) return;
  if (message.type === 'end') {
    ending = true;
    return endSoon();
  }
  const { password, salt, job } = message;
  hashwasm
    .argon2id({
      password,
      salt,
      iterations: job.iterations,
      parallelism: job.parallelism,
      memorySize: job.memoryKiB,
      hashLength: job.hashLength,
      outputType: 'binary',
    })
    .then(
      (out) => {
        password.fill(0);
        const key = new Uint8Array(out);
        out.fill(0);
        parentPort.postMessage({ key }, [key.buffer]);
      },
      (error) => {
        password.fill(0);
        parentPort.postMessage({ error: String((error && error.message) || error) });
      },
    );
});
`;

type Reply = { key: Uint8Array } | { error: string };

interface Pending {
  resolve(key: Buffer): void;
  reject(error: unknown): void;
}

interface KdfThread {
  worker: Worker;
  pending: Pending | null;
  idle: NodeJS.Timeout | undefined;
  /** The most memory a derivation on this thread used (KiB): its WASM memory is at least that. */
  heldKiB: number;
}

let thread: KdfThread | null = null;
/** Derivations run one at a time; the tail resolves to nothing, so it keeps no key alive. */
let queue: Promise<void> = Promise.resolve();

function stop(t: KdfThread): void {
  if (thread === t) thread = null;
  clearTimeout(t.idle);
  void endThread(t.worker);
}

/** Settles the job under way, if any. */
function settle(t: KdfThread, outcome: (pending: Pending) => void): void {
  const pending = t.pending;
  t.pending = null;
  if (pending) outcome(pending);
}

function startThread(): KdfThread {
  const t: KdfThread = {
    worker: new Worker(threadProgram(hashWasmArgon2()), { eval: true }),
    pending: null,
    idle: undefined,
    heldKiB: 0,
  };
  t.worker.on('message', (reply: Reply) => {
    settle(t, (pending) => {
      if ('key' in reply)
        pending.resolve(Buffer.from(reply.key.buffer, reply.key.byteOffset, reply.key.byteLength));
      else pending.reject(new Error(`Argon2id failed: ${reply.error}`));
    });
    // Idle: let the process exit without it, and end it unless another job comes soon.
    t.worker.unref();
    if (t.heldKiB > KDF_THREAD_KEEP_MAX_KIB) return stop(t);
    t.idle = setTimeout(() => stop(t), KDF_THREAD_KEEP_ALIVE_MS);
    t.idle.unref();
  });
  t.worker.on('error', (error) => {
    stop(t);
    settle(t, (pending) => pending.reject(error));
  });
  t.worker.on('exit', (code) => {
    if (thread === t) thread = null;
    settle(t, (pending) =>
      pending.reject(new Error(`the key derivation stopped before it finished (exit code ${code})`)),
    );
  });
  thread = t;
  return t;
}

function deriveOnThread(
  password: Uint8Array<ArrayBuffer>,
  salt: Uint8Array,
  job: Argon2Job,
): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    try {
      const t = thread ?? startThread();
      clearTimeout(t.idle);
      t.worker.ref(); // a derivation under way keeps the process (the CLI, say) running
      t.pending = { resolve, reject };
      t.heldKiB = Math.max(t.heldKiB, job.memoryKiB);
      // Moved, not cloned: after this the array here is empty, the bytes are the thread's.
      t.worker.postMessage({ password, salt: Uint8Array.from(salt), job }, [password.buffer]);
    } catch (error) {
      password.fill(0);
      reject(error);
    }
  });
}

/**
 * Runs hash-wasm's Argon2id in a worker thread, so the main process keeps answering (windows,
 * IPC, the lock triggers) through a derivation that takes half a second or more. `password` is
 * zeroed here at once (a copy goes to the thread, which zeroes it once used).
 */
export function argon2idInWorker(password: Uint8Array, salt: Uint8Array, job: Argon2Job): Promise<Buffer> {
  // A copy that owns its whole buffer, so moving it to the thread never takes anything else along
  // (a small Buffer is a slice of a shared pool).
  const owned = Uint8Array.from(password);
  password.fill(0);
  const run = queue.then(() => deriveOnThread(owned, salt, job));
  queue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

/** True while the derivation thread exists (tests: it ends once idle). */
export function kdfThreadRunning(): boolean {
  return thread !== null;
}
