import { memo, useId } from 'react';

export interface NoteProblemsProps {
  /** The messages that stop the note saving, each led by where its field is. */
  problems: readonly string[];
  /** Where what was typed is kept meanwhile, once a save has failed on them; empty before. */
  kept: string;
}

/**
 * The problems that stop the note saving, listed above the note where they scroll away with it:
 * not in the sticky header, where a list grew it over the field being fixed. The header keeps
 * their count and a link to the first; each field shows its own message.
 */
export const NoteProblems = memo(function NoteProblems({ problems, kept }: NoteProblemsProps) {
  const titleId = useId();
  if (problems.length === 0) return null;
  return (
    <section className="note-problems" aria-labelledby={titleId}>
      <p id={titleId}>Fix these to save the note:</p>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
      {kept && <p>{kept}</p>}
    </section>
  );
});
