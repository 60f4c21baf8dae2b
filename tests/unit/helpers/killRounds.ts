/**
 * How many real-kill rounds a crash test runs: a few in `npm test`, which must stay within its
 * time budget on a busy 2-core machine, and many under `npm run test:heavy` (ATTUNE_HEAVY=1),
 * where the same tests hunt rarer timings.
 */
export function killRounds(inNpmTest: number, heavy: number): number {
  return process.env.ATTUNE_HEAVY === '1' ? heavy : inNpmTest;
}
