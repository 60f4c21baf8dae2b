/** How the app names each record kind when some of them could not be read. */
const kindWords: Record<string, [one: string, many: string]> = {
  client: ['client record', 'client records'],
  session: ['session', 'sessions'],
  note: ['note', 'notes'],
  'process-note': ['process note', 'process notes'],
  measure: ['outcome measure', 'outcome measures'],
  template: ['note template', 'note templates'],
  setting: ['setting', 'settings'],
};

/**
 * The notice shown after unlock when some record files could not be read (damaged or missing):
 * how many of each kind, that everything else is there, and what to do.
 */
export function describeUnreadable(records: ReadonlyArray<{ kind: string }>): string {
  const counts = new Map<string, number>();
  for (const { kind } of records) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, n]) => {
    const [one, many] = kindWords[kind] ?? ['record', 'records'];
    return `${n} ${n === 1 ? one : many}`;
  });
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
  return `Attune could not read ${list}: ${records.length === 1 ? 'its file is' : 'their files are'} damaged or missing on this computer. Everything else is shown. Check the vault in Settings to put ${records.length === 1 ? 'it' : 'them'} back from a backup.`;
}
