/** Words the plan screens say (a goal's status in words is goalStatusLabels, with the schema). */
/** One sentence on what a treatment plan is for, said once in the empty state. */
export const planPurpose =
  'A treatment plan records what you and the client are working on: the problems, the goals with measurable objectives, how you will work, and when you will review it together. Signed like a note; each revision is kept as a new version.';
