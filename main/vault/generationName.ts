/**
 * Backup generation folder names: the UTC time the backup was made, `YYYY-MM-DDTHH-MM-SSZ`
 * (colons are not allowed in Windows file names), with `-2`, `-3`, ... when two backups fall in
 * the same second. Names sort by time.
 */
const NAME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})Z(?:-([2-9]|[1-9]\d{1,3}))?$/;

/** The generation name for a backup made at `at` (the n-th in that second when n > 1). */
export function generationName(at: Date, n = 1): string {
  const base = `${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z`;
  return n > 1 ? `${base}-${n}` : base;
}

/** When the generation called `name` was made, and its number within that second; null if not a generation name. */
export function parseGenerationName(name: string): { at: Date; n: number } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Reject impossible dates (2026-02-31 would roll over into March).
  if (!name.startsWith(generationName(at))) return null;
  return { at, n: m[7] ? Number(m[7]) : 1 };
}

/** Oldest first; generations in the same second by their number. */
export function compareGenerationNames(a: string, b: string): number {
  const pa = parseGenerationName(a);
  const pb = parseGenerationName(b);
  if (!pa || !pb) return a.localeCompare(b);
  return pa.at.getTime() - pb.at.getTime() || pa.n - pb.n;
}
