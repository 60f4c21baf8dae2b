import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** The Argon2id settings one derivation uses (the header's, or a review file's). */
export interface Argon2Job {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  hashLength: number;
}

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
 * The worker's program: loads hash-wasm into a private object, derives, zeroes the passphrase
 * and its own copy of the key, and hands the key back by transfer (no copy left behind).
 */
const workerProgram = (hashWasm: string): string => `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const hashwasm = {};
(function (exports, module, define) {
${hashWasm}
}).call(undefined, hashwasm, { exports: hashwasm }, undefined);
const { password, salt, job } = workerData;
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
`;

type Reply = { key: Uint8Array } | { error: string };

/**
 * Runs hash-wasm's Argon2id in a worker thread, so the main process keeps answering (windows,
 * IPC, the lock triggers) through a derivation that takes half a second or more. `password` is
 * zeroed here and the worker's copy there, once it has been used.
 *
 * One worker per derivation, ended when it answers: derivations are rare (unlock, create,
 * passphrase change, review files), and ending the thread frees its WASM memory, which held
 * the passphrase and the Argon2 blocks, instead of keeping 64 MiB or more of it alive.
 */
export function argon2idInWorker(password: Uint8Array, salt: Uint8Array, job: Argon2Job): Promise<Buffer> {
  // A copy that owns its whole buffer, so moving it to the worker never takes anything else along
  // (a small Buffer is a slice of a shared pool); moved, not cloned, so no copy stays here.
  const owned = Uint8Array.from(password);
  password.fill(0);
  return new Promise<Buffer>((resolve, reject) => {
    let settled = false;
    let worker: Worker;
    try {
      worker = new Worker(workerProgram(hashWasmArgon2()), {
        eval: true,
        workerData: { password: owned, salt: Uint8Array.from(salt), job },
        transferList: [owned.buffer],
      });
    } catch (error) {
      owned.fill(0);
      reject(error);
      return;
    }
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.once('message', (reply: Reply) => {
      finish(() => {
        if ('key' in reply)
          resolve(Buffer.from(reply.key.buffer, reply.key.byteOffset, reply.key.byteLength));
        else reject(new Error(`Argon2id failed: ${reply.error}`));
      });
    });
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) =>
      finish(() => reject(new Error(`the key derivation stopped before it finished (exit code ${code})`))),
    );
  });
}
