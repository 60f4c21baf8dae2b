/**
 * Which tests run in `npm test` and which in `npm run test:long`. Both run on CI (.ci/run); the
 * split keeps `npm test` near eight minutes on a 2-core machine (the brief's budget), so it is run
 * on every change, while the long suite holds the slow ones: the crash and fault injectors (real
 * kills, a failure at every file-system step, 50 sync scenarios) and the end-to-end flows not in
 * the core walk. Every test is in exactly one of the two (checked by tests/unit/suites.test.ts).
 */

/** Unit test files that run in `test:long`, not `npm test`: each takes 20 s to 3 min of a worker. */
export const longUnitTests = [
  'tests/unit/sync/syncScenarios.test.ts',
  'tests/unit/vault/backupFaults.test.ts',
  'tests/unit/vault/rotateAndMoveKill.test.ts',
  'tests/unit/vault/v2/upgradeFaults.test.ts',
  'tests/unit/vault/v2/upgradeKill.test.ts',
  'tests/unit/vault/v2/rotateAndMoveKillV2.test.ts',
  'tests/unit/services/backup/restoreKill.test.ts',
  // The benchmarks' own checks (a bench run on a small vault; the memory probe in fresh
  // processes): 20–30 s each, benchmarks' business rather than every change's.
  'tests/unit/cli/bench.test.ts',
  'tests/unit/cli/unlockMemory.test.ts',
  // The slowest of every change's suite, 20-55 s of a worker each (real Argon2 for review
  // packets' comment keys; a rollback of each file kind; every record checked, in the CLI and the
  // app): npm test took 9.6 min here (unit 355 s, core e2e 198 s), above the brief's ~8.
  'tests/unit/review/reviewKdf.test.ts',
  'tests/unit/vault/v2/rollbackEachFile.test.ts',
  'tests/unit/vault/verifyRecords.test.ts',
  'tests/unit/services/vaultCheck.test.ts',
  // Every IPC method under hostile input from the renderer (30–60 s of a worker; more runs with
  // ROUTER_FUZZ_RUNS): fuzzing, kept out of every change's suite as the brief asks.
  'tests/unit/ipc/routerFuzz.test.ts',
  // A failure injected at every file-system step of a save, a checkpoint, a passphrase change and a
  // create; and real processes killed (SIGKILL) while saving: 17-18 s of a worker each. npm test
  // took 9.5 min here with them (unit 311 s, core e2e 3.7 min), above the brief's ~8.
  'tests/unit/vault/crashSafety.test.ts',
  'tests/unit/vault/processes.test.ts',
  // Exports of 205 MB and 540 MB (past V8's longest string) written to disk: 15 s and 1.5 GB.
  'tests/unit/cli/largeExport.test.ts',
  // The app's Export all records of real vaults of 205 MB and 540 MB of notes: built and exported.
  'tests/unit/records/largeExportAll.test.ts',
];

/**
 * The end-to-end specs of `npm test`: a new user's walk (create a vault, unlock, wrong passphrase,
 * Today, the palette, a keyboard-only note to signing), writing and keeping notes (autosave,
 * signing, auto-lock, a lock while opening), backups, and an upgrade refused. The other specs run
 * in `test:long` (a diagnosis, 30 s of a worker, moved there with the two slowest unit files).
 */
export const coreE2eSpecs = [
  'passphrase.spec.ts',
  'today.spec.ts',
  'notes.spec.ts',
  'backups.spec.ts',
  'lockWhileOpening.spec.ts',
  'upgradeFailed.spec.ts',
];
