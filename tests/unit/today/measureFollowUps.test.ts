import { describe, expect, it } from 'vitest';
import { measureFollowUpSection } from '../../../renderer/src/features/today/todaySections';
import type { Client } from '../../../shared/domain/clientSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import { emptyAnswers, type InstrumentId, type Measure } from '../../../shared/measures';

const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T09:00:00.000Z`;
const session = (id: string, clientId: string, day: number): Session => ({
  id,
  clientId,
  startsAt: at(day),
  durationMinutes: 50,
  modality: 'in-person',
  attendance: 'attended',
});
function measure(id: string, s: Session, instrument: InstrumentId, values: number[]): Measure {
  const answers = emptyAnswers(instrument);
  Object.keys(answers).forEach((key, i) => {
    if (values[i] !== undefined) answers[key] = values[i];
  });
  return {
    id,
    clientId: s.clientId,
    sessionId: s.id,
    instrument,
    answers,
    status: 'complete',
    administeredAt: s.startsAt,
    enteredBy: 'therapist',
    updatedAt: s.startsAt,
  };
}

describe('Today: measures to follow up', () => {
  const clients = new Map([
    ['a', { id: 'a', code: 'A-01' } as Client],
    ['b', { id: 'b', code: 'B-02' } as Client],
  ]);
  const a1 = session('a1', 'a', 2);
  const a2 = session('a2', 'a', 9);
  const b1 = session('b1', 'b', 3);
  const b2 = session('b2', 'b', 10);

  it('lists the latest administration needing follow-up per client and instrument, newest first, in words', () => {
    const measures = [
      measure('m1', a1, 'phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1]), // item 9, but not the latest
      measure('m2', a2, 'phq9', [0, 0, 0, 0, 0, 0, 0, 0, 0]),
      measure('m3', b1, 'gad7', [0, 0, 0, 0, 1, 1, 0]), // 2
      measure('m4', b2, 'gad7', [1, 1, 1, 1, 1, 1, 1]), // 7: up 5, reliable
      measure('m5', b2, 'phq9', [1, 0, 0, 0, 0, 0, 0, 0, 2]),
    ];
    const section = measureFollowUpSection(measures, { clients, sessions: [a1, a2, b1, b2], notes: [] });
    expect(section.title).toBe('Measures to follow up');
    expect(section.rows.map((r) => [r.client?.code, r.session.id])).toEqual([
      ['B-02', 'b2'],
      ['B-02', 'b2'],
    ]);
    expect(section.rows.map((r) => r.detail)).toEqual([
      'PHQ-9 item 9 (thoughts of death or self-harm) was answered above “Not at all”: follow up on risk.',
      'GAD-7 total went from 2 to 7: a reliable deterioration (4 points or more).',
    ]);
  });

  it('leaves out a measure whose session has not arrived', () => {
    const measures = [measure('m5', b2, 'phq9', [1, 0, 0, 0, 0, 0, 0, 0, 2])];
    expect(measureFollowUpSection(measures, { clients, sessions: [a1], notes: [] }).rows).toEqual([]);
  });
});
