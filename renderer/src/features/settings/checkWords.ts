/** The words of a vault check's result, with its count of records read in plain English. */

/** After "No problems found.": what was checked, from an empty vault's none to many. */
export function healthyCheckText(records: number, when: string): string {
  if (records === 0) return `The vault holds no records yet, so there was nothing to check (${when}).`;
  if (records === 1)
    return `The vault’s one record was checked (${when}) and matches what Attune last saved.`;
  return `All ${records} records were checked (${when}) and match what Attune last saved.`;
}

/** Under "Problems found": how many records the check read. */
export function checkedCount(records: number, when: string): string {
  return `Checked ${records} ${records === 1 ? 'record' : 'records'} (${when}).`;
}
