/**
 * The entries of one type in a merged audit trail, with their device and detail. Only the lines
 * whose text names the type are parsed: a trail holds tens of thousands of entries, and some of
 * these are looked for at every refresh (the ids this computer replaced, FORMAT.md §9).
 */
export function auditEntriesOf(
  audit: ReadonlyArray<{ deviceHex: string; text: string }>,
  type: string,
): Array<{ deviceHex: string; detail: Record<string, unknown> }> {
  const out: Array<{ deviceHex: string; detail: Record<string, unknown> }> = [];
  for (const line of audit) {
    if (!line.text.includes(type)) continue;
    try {
      const entry = JSON.parse(line.text) as { type?: unknown; detail?: unknown };
      if (entry.type === type && entry.detail && typeof entry.detail === 'object')
        out.push({ deviceHex: line.deviceHex, detail: entry.detail as Record<string, unknown> });
    } catch {
      // Not an entry this reader can use: the audit chain's own check reports a broken line.
    }
  }
  return out;
}
