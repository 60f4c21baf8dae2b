import { describe, expect, it } from 'vitest';
import { foldTerm, matchingSpans, snippetAround } from '../../../main/services/searchText';
import type { SearchHit } from '../../../shared/ipc/contract';
import {
  clientInput,
  clientWithNote,
  expectKind,
  filledDraft,
  openServices,
  sessionInput,
} from './serviceKit';

/** The marked words of every snippet of a hit. */
const marked = (hit: SearchHit | undefined) =>
  (hit?.snippets ?? []).flatMap((s) => s.marks.map(([a, b]) => s.text.slice(a, b)));

describe('NoteSearch', () => {
  it('finds a word in a note and marks it in the snippet', async () => {
    const { services } = await openServices();
    const { client, session, note } = await clientWithNote(services);
    await services.notes.saveDraft(note.id, filledDraft());
    const other = await clientWithNote(services, 'C-02');
    await services.notes.saveDraft(other.note.id, filledDraft({ subjective: 'Talked about the garden.' }));

    const { total, hits } = await services.search.search('manager', 10);
    expect(total).toBe(1);
    expect(hits).toHaveLength(1);
    const [hit] = hits;
    expect(hit).toMatchObject({ noteId: note.id, clientId: client.id, sessionId: session.id });
    expect(hit!.score).toBeGreaterThan(0);
    expect(hit!.snippets).toEqual([
      {
        field: 'sections.subjective',
        label: 'Subjective',
        text: 'Felt flat all week; work stress with the new manager.',
        marks: [[45, 52]],
      },
    ]);
    expect(marked(hit)).toEqual(['manager']);
  });

  it('says a query of symbols alone (an emoji, punctuation) has no word to look for, instead of "no match"', async () => {
    const { services } = await openServices();
    const { note } = await clientWithNote(services);
    await services.notes.saveDraft(note.id, filledDraft({ subjective: 'Smiled 🙂 at the manager.' }));
    for (const query of ['🙂', ' 🙂🙂 ', '?!', '—'])
      expect(await expectKind(services.search.search(query, 10), 'invalid-input')).toMatch(
        /^Search looks for words and numbers, and “.+” has none\./,
      );
    // A word beside the symbol is searched as usual.
    expect((await services.search.search('🙂 manager', 10)).total).toBe(1);
  });

  it('matches prefixes, small typos, any case and any accents; marks whole words', async () => {
    const { services } = await openServices();
    const { note } = await clientWithNote(services);
    await services.notes.saveDraft(
      note.id,
      filledDraft({ subjective: 'She spoke of her naïve Café plans and the CAFÉ owner.' }),
    );
    expect(marked((await services.search.search('breath', 10)).hits[0])).toContain('breaths'); // prefix
    // Prefix and any case: 'Sadness' in the observation, 'sadness' in the response.
    expect(marked((await services.search.search('SADNES', 10)).hits[0])).toEqual(['Sadness', 'sadness']);
    expect(marked((await services.search.search('homwork', 10)).hits[0])).toEqual(['homework']); // one letter missing
    expect(marked((await services.search.search('polte', 10)).hits[0])).toEqual(['polite']); // one typo
    expect(marked((await services.search.search('cafe naive', 10)).hits[0])).toEqual([
      'naïve',
      'Café',
      'CAFÉ',
    ]);
  });

  it('takes no typo in a word under five letters, and spells ß, æ, œ, ø as typed without them', async () => {
    const { services } = await openServices();
    const { note } = await clientWithNote(services);
    await services.notes.saveDraft(
      note.id,
      filledDraft({ subjective: 'She came by the care home; her Straße, her Søren, her sœur.' }),
    );
    const other = await clientWithNote(services, 'C-02');
    await services.notes.saveDraft(
      other.note.id,
      filledDraft({ subjective: 'Met at the café before the session.' }),
    );
    // "cafe" one edit from "came" and "care": a four-letter word takes no typo (it found half the notes).
    const cafe = await services.search.search('cafe', 10);
    expect(cafe.hits.map((h) => h.noteId)).toEqual([other.note.id]);
    expect(marked(cafe.hits[0])).toEqual(['café']);
    // Five letters and more still forgive one slip.
    expect(marked((await services.search.search('homwork', 10)).hits[0])).toEqual(['homework']);
    // Letters NFD does not take apart match their usual spelling, both ways.
    for (const [query, word] of [
      ['strasse', 'Straße'],
      ['STRAẞE', 'Straße'],
      ['soren', 'Søren'],
      ['soeur', 'sœur'],
    ] as const) {
      const found = await services.search.search(query, 10);
      expect(
        found.hits.map((h) => h.noteId),
        query,
      ).toEqual([note.id]);
      expect(marked(found.hits[0]), query).toEqual([word]);
    }
    expect(foldTerm('Straße')).toBe('strasse');
  });

  it('requires every word of the query and gives at most three snippets per note', async () => {
    const { services } = await openServices();
    const { note } = await clientWithNote(services);
    const draft = filledDraft({ subjective: 'Pace felt rushed.' });
    draft.plan = 'Watch the pace.';
    draft.coRegulation = 'Pace of breathing matched.';
    draft.sections.objective = 'Her pace of speech was fast.';
    draft.sections.assessment = 'Pace again.';
    await services.notes.saveDraft(note.id, draft);
    const {
      hits: [hit],
    } = await services.search.search('pace', 10);
    expect(hit?.snippets).toHaveLength(3);
    expect(hit?.snippets.every((s) => s.marks.length > 0)).toBe(true);
    expect((await services.search.search('pace garden', 10)).hits).toEqual([]);
  });

  it('keeps the index current with every save and each addendum', async () => {
    const { services } = await openServices();
    const { note } = await clientWithNote(services);
    expect((await services.search.search('manager', 10)).hits).toEqual([]); // builds the index
    await services.notes.saveDraft(note.id, filledDraft());
    expect((await services.search.search('manager', 10)).hits).toHaveLength(1);
    await services.notes.saveDraft(note.id, filledDraft({ subjective: 'Talked about the garden.' }));
    expect((await services.search.search('manager', 10)).hits).toEqual([]);
    await services.notes.sign(note.id);
    await services.notes.addAddendum(note.id, {
      type: 'clarification',
      reason: 'Added after signing.',
      text: 'Mentioned the landlord afterwards.',
    });
    const {
      hits: [hit],
    } = await services.search.search('landlord', 10);
    expect(hit?.snippets[0]).toMatchObject({ field: 'addenda.0.text', label: 'Addendum 1' });
    // A note created after the index was built is found too.
    const client = await services.clients.create(clientInput('C-09'));
    const session = await services.sessions.create(sessionInput(client.id));
    const fresh = await services.notes.create(session.id, 'narrative');
    await services.notes.saveDraft(fresh.id, {
      ...filledDraft(),
      sections: { narrative: 'The landlord again.' },
    });
    expect((await services.search.search('landlord', 10)).hits.map((h) => h.noteId).sort()).toEqual(
      [note.id, fresh.id].sort(),
    );
  });

  it('names each snippet by its field as the note shows it, never by its path', async () => {
    const { services } = await openServices();
    const { note } = await clientWithNote(services);
    const draft = filledDraft({ subjective: 'The kettle again.' });
    draft.sections.assessment = 'Kettle as a theme.';
    draft.attunement.affective.response = 'I asked about the kettle.';
    draft.ruptures[0]!.context = 'She went quiet after the kettle story.';
    draft.ruptures[0]!.clientResponse = 'Laughed about the kettle.';
    draft.participation.feedbackToTherapist = { given: true, quote: 'The kettle question helped.' };
    draft.coRegulation = 'Breathing eased near the kettle.';
    draft.plan = 'Return to the kettle.';
    await services.notes.saveDraft(note.id, draft);
    const labels = async (query: string) =>
      (await services.search.search(query, 10)).hits[0]?.snippets.map((s) => s.label);

    expect(await labels('kettle')).toEqual([
      'Subjective',
      'Assessment',
      'Affective attunement · your response',
    ]);
    expect(await labels('quiet')).toEqual(['Rupture 1 · context']);
    expect(await labels('laughed')).toEqual(['Rupture 1 · client response']);
    expect(await labels('question')).toEqual(['Gave feedback to the therapist · Client’s words']);
    expect(await labels('eased')).toEqual(['Co-regulation']);
    expect(await labels('return')).toEqual(['Plan']);
    expect(await labels('disappointed')).toEqual(['Named feelings specifically · emotions']);
    expect(await labels('sadness')).toEqual(['Affective attunement · observation']);
  });

  it('finds the words of a goal’s progress and of the risk section, named as the editor names them', async () => {
    const { services } = await openServices();
    const { note } = await clientWithNote(services);
    const draft = filledDraft();
    draft.goalProgress = [{ goalId: 'g-1', progress: 1, comment: 'Rang the removals firm herself.' }];
    draft.risk = {
      ideation: 'passive',
      intent: 'no',
      plan: 'no',
      means: 'no',
      otherRisks: '',
      protectiveFactors: 'Her dog and her niece.',
      level: 'low',
      actionsTaken: 'Safety plan reviewed together.',
    };
    await services.notes.saveDraft(note.id, draft);
    const labels = async (query: string) =>
      (await services.search.search(query, 10)).hits[0]?.snippets.map((s) => s.label);
    expect(await labels('removals')).toEqual(['Treatment goal 1 · progress']);
    expect(await labels('niece')).toEqual(['Risk assessment · protective factors']);
    expect(await labels('reviewed together')).toEqual(['Risk assessment · actions taken']);
  });

  it('labels sections with the headings of the note’s own template', async () => {
    const { services } = await openServices();
    const template = await services.templates.create({
      baseId: 'dap',
      name: 'Couples',
      baseSections: [{ id: 'dyad', label: 'The couple’s exchange', prompt: '' }],
    });
    const client = await services.clients.create(clientInput('C-05'));
    const session = await services.sessions.create(sessionInput(client.id));
    const note = await services.notes.create(session.id, template.id);
    await services.notes.saveDraft(note.id, {
      ...filledDraft(),
      sections: { dyad: 'Argued about the lighthouse.' },
    });
    const { hits } = await services.search.search('lighthouse', 10);
    expect(hits[0]?.snippets.map((s) => [s.field, s.label])).toEqual([
      ['sections.dyad', 'The couple’s exchange'],
    ]);
  });

  it('tells how many notes match in all and pages through them with offset and limit', async () => {
    const { services, session } = await openServices();
    const ids: string[] = [];
    for (const code of ['C-01', 'C-02', 'C-03', 'C-04', 'C-05']) {
      const { note } = await clientWithNote(services, code);
      await services.notes.saveDraft(note.id, filledDraft());
      ids.push(note.id);
    }
    const first = await services.search.search('manager', 2);
    expect(first.total).toBe(5);
    expect(first.hits).toHaveLength(2);
    const second = await services.search.search('manager', 2, 2);
    const third = await services.search.search('manager', 2, 4);
    expect(second.total).toBe(5);
    expect(third.hits).toHaveLength(1);
    // The pages together are every match, each once.
    expect([...first.hits, ...second.hits, ...third.hits].map((h) => h.noteId).sort()).toEqual(
      [...ids].sort(),
    );
    expect(await services.search.search('manager', 2, 5)).toEqual({ total: 5, hits: [] });
    await session.lock('user');
    await expectKind(services.search.search('manager', 10), 'locked');
  });
});

describe('snippets', () => {
  it('cut long text at spaces around the match, with ellipses and shifted marks', () => {
    const words = Array.from({ length: 80 }, (_, i) => `word${i}`);
    words[40] = 'Ünïcode';
    const text = words.join(' ');
    const snippet = snippetAround(matchingSpans(text, new Set([foldTerm('unicode')])), text)!;
    expect(snippet.text.startsWith('…word')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(snippet.text.length).toBeLessThanOrEqual(162);
    expect(snippet.marks).toHaveLength(1);
    const [a, b] = snippet.marks[0]!;
    expect(snippet.text.slice(a, b)).toBe('Ünïcode');
  });

  it('never splits a surrogate pair and keeps newlines from breaking offsets', () => {
    const text = `${'😀'.repeat(100)}\nfind me\n${'😀'.repeat(100)}`;
    const snippet = snippetAround(matchingSpans(text, new Set(['find'])), text)!;
    expect(() => encodeURIComponent(snippet.text)).not.toThrow(); // throws on a lone surrogate
    const [a, b] = snippet.marks[0]!;
    expect(snippet.text.slice(a, b)).toBe('find');
    expect(snippet.text).not.toContain('\n');
  });
});
