/** A count with its noun, singular or plural: "1 comment", "3 comments", "2 safety plans". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
