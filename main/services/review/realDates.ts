/**
 * Finding real dates where a packet with shifted dates must not carry them: its file name and
 * the PDF made from it. One real date next to the shifted ones gives the offset away.
 */

/** The ways a day (yyyy-mm-dd) is written in file names and files: 2026-12-02, 2026_12_02, 20261202 (also inside PDF dates, D:20261202…), … */
export function dayForms(day: string): string[] {
  const [y, m, d] = day.split('-');
  return [day, `${y}_${m}_${d}`, `${y}.${m}.${d}`, `${y}${m}${d}`];
}

/** The days among `days` that `text` holds in any of their forms. */
export function daysWrittenIn(text: string, days: Iterable<string>): string[] {
  return [...new Set(days)].filter((day) => dayForms(day).some((form) => text.includes(form)));
}

/** Today, by UTC and by local time (they differ for some hours a day): the days a tool stamps. */
export function todays(now: Date): string[] {
  const two = (n: number) => String(n).padStart(2, '0');
  const local = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  return [...new Set([now.toISOString().slice(0, 10), local])];
}
