import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSyncScenario } from '../../sync/runSyncScenario';

/**
 * The sync simulator's scenarios (issue 11): `npm test` runs SCENARIOS of them (50 by default);
 * `npm run test:sync` runs 1,000 or more (SYNC_SCENARIOS). Each seed replays exactly.
 */
const SCENARIOS = Number(process.env.SYNC_SCENARIOS ?? 50);
const FIRST_SEED = Number(process.env.SYNC_FIRST_SEED ?? 1);
const STALE_EVERY = 5; // one scenario in five lets the tool put back older files

describe('format 2 through simulated sync tools', () => {
  it(
    `${SCENARIOS} seeded scenarios: nothing committed is lost, every device converges, verify passes, concurrent edits are conflicts`,
    async () => {
      const summary = {
        commits: 0,
        conflictsMade: 0,
        conflictsResolved: 0,
        passphraseChanges: 0,
        staleOverwrites: 0,
        rollbacksReported: 0,
        packs: 0,
      };
      for (let n = 0; n < SCENARIOS; n++) {
        const seed = FIRST_SEED + n;
        const root = await mkdtemp(join(tmpdir(), `attune-sync-${seed}-`));
        try {
          const outcome = await runSyncScenario(root, { seed, staleOverwrites: seed % STALE_EVERY === 0 });
          if (outcome.failures.length > 0) {
            throw new Error(
              `scenario seed ${seed} (${outcome.tool}, ${outcome.devices} computers) failed:\n${outcome.failures.join('\n')}\n--- log ---\n${outcome.log.slice(-80).join('\n')}`,
            );
          }
          summary.commits += outcome.commits;
          summary.conflictsMade += outcome.conflictsMade;
          summary.conflictsResolved += outcome.conflictsResolved;
          summary.passphraseChanges += outcome.passphraseChanges;
          summary.staleOverwrites += outcome.staleOverwrites;
          summary.packs += outcome.packs;
          summary.rollbacksReported += outcome.reported.filter((r) => r.includes('rollback')).length;
        } finally {
          await rm(root, { recursive: true, force: true });
        }
      }
      console.log(`sync scenarios: ${SCENARIOS}`, summary);
      // The scenarios must actually exercise what they claim to.
      expect(summary.commits).toBeGreaterThan(SCENARIOS * 10);
      expect(summary.conflictsMade + summary.conflictsResolved).toBeGreaterThan(0);
      expect(summary.packs).toBeGreaterThan(0);
    },
    SCENARIOS * 30_000,
  );
});
