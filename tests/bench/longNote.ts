import type { Backend } from '../../main/ipc/createBackend';
import type { Note } from '../../shared/domain/noteSchema';
import type { InputOf, Method, OutputOf } from '../../shared/ipc/contract';
import { passphrase } from '../e2e/steps';

/** Calls main's router as the renderer would, and unwraps the result (the benchmark's setup must not fail silently). */
export async function callOk<M extends Method>(
  backend: Backend,
  method: M,
  input: InputOf<M>,
): Promise<OutputOf<M>> {
  const result = await backend.router.call(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value as OutputOf<M>;
}

const sentences = [
  'She arrived a few minutes late and said the week had been harder than she expected.',
  'We returned to the meeting with her manager, where she again felt talked over and unseen.',
  'When I reflected the anger underneath the tiredness she paused, then nodded slowly.',
  'Her breathing slowed as we stayed with the feeling instead of moving to solutions.',
  'She wondered aloud whether she always expects people to leave once she asks for something.',
  'I noticed I was tempted to reassure her and chose instead to ask what she needed from me.',
  'Later she described her sister’s visit, warmer than before, with one tense moment at dinner.',
  'We agreed that noticing the first signs of withdrawal in her shoulders could be a useful cue.',
];

/** About `words` words of plausible session narrative, in paragraphs of six sentences. */
export function longNarrative(words: number): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const sentence = sentences[i % sentences.length]!;
    current.push(sentence);
    count += sentence.split(/\s+/).length;
    if (current.length === 6) {
      paragraphs.push(current.join(' '));
      current = [];
    }
  }
  if (current.length > 0) paragraphs.push(current.join(' '));
  return paragraphs.join('\n\n');
}

export const longNoteClientCode = 'C-LONG';

/**
 * Adds a client with one session whose Narrative-template draft holds a ~`words`-word narrative,
 * through the same router calls the renderer makes (unlocking and locking again around them).
 */
export async function addLongNote(
  backend: Backend,
  words: number,
): Promise<{ noteId: string; text: string }> {
  await callOk(backend, 'vault:unlock', { passphrase });
  try {
    const client = await callOk(backend, 'clients:create', {
      code: longNoteClientCode,
      startDate: '2025-01-06',
      concerns: ['low mood'],
      goals: [],
    });
    const session = await callOk(backend, 'sessions:create', {
      clientId: client.id,
      startsAt: '2025-06-20T10:00:00.000Z',
      durationMinutes: 50,
      modality: 'in-person',
      attendance: 'attended',
    });
    const note: Note = await callOk(backend, 'notes:create', {
      sessionId: session.id,
      templateId: 'narrative',
    });
    const text = longNarrative(words);
    const { sections, attunement, coRegulation, ruptures, sessionJudgments, participation, feedback, plan } =
      note;
    await callOk(backend, 'notes:saveDraft', {
      id: note.id,
      draft: {
        sections: { ...sections, narrative: text },
        attunement,
        coRegulation,
        ruptures,
        sessionJudgments,
        participation,
        feedback,
        plan,
      },
    });
    return { noteId: note.id, text };
  } finally {
    await callOk(backend, 'vault:lock', { reason: 'user' });
  }
}
