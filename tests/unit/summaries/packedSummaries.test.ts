import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../../main/services/demo/generateDemo';
import { parseJsonText, toJsonText } from '../../../shared/ipc/jsonText';
import {
  packNoteSummaries,
  packSessions,
  unpackNoteSummaries,
  unpackSessions,
} from '../../../shared/summaries/packedSummaries';
import { type NoteSummary, summarizeNote } from '../../../shared/summaries/noteSummary';

/** What the renderer gets: packed in main, sent as JSON text, unpacked. */
const acrossIpc = <T, P>(value: T, pack: (v: T) => P, unpack: (p: P) => T): T =>
  unpack(parseJsonText(toJsonText(pack(value))));

describe('packed sessions and note summaries', () => {
  const demo = generateDemo({ clients: 12, sessionsPerClient: 30, seed: 7 });
  const summaries = demo.notes.map(summarizeNote);

  it('come back equal to what was packed, over a varied demo caseload', () => {
    // The demo has drafts and signed notes, ruptures of both types, feedback and none.
    expect(summaries.some((s) => s.ruptures.length > 1)).toBe(true);
    expect(summaries.some((s) => s.feedback === null)).toBe(true);
    expect(summaries.some((s) => s.status === 'draft')).toBe(true);
    expect(acrossIpc(summaries, packNoteSummaries, unpackNoteSummaries)).toEqual(summaries);
    expect(acrossIpc(demo.sessions, packSessions, unpackSessions)).toEqual(demo.sessions);
  });

  it('keep every participation item, null rating and partial feedback apart', () => {
    const base = summaries[0]!;
    const edges: NoteSummary[] = [
      {
        ...base,
        participation: {
          bodySensations: true,
          namedFeelings: false,
          feedbackToTherapist: true,
          mindfulBreathing: false,
        },
        ratings: { affective: null, cognitive: 1, developmental: null, rhythmic: 5, empathic: null },
        // "Did not come up" packs as 0 in the ratings row and must come back as null plus this list.
        notArisen: ['developmental', 'empathic'],
        riskLevel: 'high',
        feedback: { relationship: 0, goals: null, approach: 9.9, overall: null },
        judgments: { therapistContribution: 2, overallResolution: null },
        signedAt: null,
        emotions: [],
      },
      {
        ...base,
        participation: {
          bodySensations: false,
          namedFeelings: true,
          feedbackToTherapist: false,
          mindfulBreathing: true,
        },
        ruptures: [],
        feedback: null,
        notArisen: [],
      },
    ];
    expect(acrossIpc(edges, packNoteSummaries, unpackNoteSummaries)).toEqual(edges);
  });

  it('are smaller than the objects with their field names', () => {
    const plain = JSON.stringify(summaries).length;
    const packed = toJsonText(packNoteSummaries(summaries)).length;
    expect(packed).toBeLessThan(plain / 2);
  });
});
