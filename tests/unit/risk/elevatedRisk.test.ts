import { describe, expect, it } from 'vitest';
import { elevatedRisks } from '../../../main/services/RiskService';
import { emptyRiskAssessment, type RiskAssessment, type RiskLevel } from '../../../shared/domain/riskSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { NoteSummary } from '../../../shared/summaries/noteSummary';
import { clientInput, expectKind, filledDraft, openServices, sessionInput } from '../services/serviceKit';

const assessed = (
  level: RiskLevel,
  actionsTaken = 'Safety plan reviewed; crisis line given.',
): RiskAssessment => ({
  ideation: 'active-no-plan',
  intent: 'no',
  plan: 'no',
  means: 'unclear',
  otherRisks: '',
  protectiveFactors: 'Children; engaged in therapy.',
  level,
  actionsTaken,
});

describe('elevated risk', () => {
  it('follows each client’s latest assessment by session date: a later low one clears it', async () => {
    const { services } = await openServices();
    const client = await services.clients.create(clientInput('C-01'));
    const other = await services.clients.create(clientInput('C-02'));
    const week1 = await services.sessions.create(sessionInput(client.id, '2025-03-03T09:00:00Z'));
    const week2 = await services.sessions.create(sessionInput(client.id, '2025-03-10T09:00:00Z'));
    const week3 = await services.sessions.create(sessionInput(client.id, '2025-03-17T09:00:00Z'));
    const first = await services.notes.create(week1.id, 'soap');
    await services.notes.saveDraft(first.id, { ...filledDraft(), risk: assessed('high') });
    // A draft counts: the assessment was made at the session, signed or not.
    expect(await services.risk.elevated()).toEqual([
      {
        clientId: client.id,
        level: 'high',
        sessionDate: week1.startsAt,
        sessionId: week1.id,
        noteId: first.id,
        followUp: { sessionId: week2.id, startsAt: week2.startsAt, noteId: null },
      },
    ]);
    await services.notes.sign(first.id);
    // The next note without a risk section (or with one not rated yet) leaves the risk where it was.
    const second = await services.notes.create(week2.id, 'soap');
    await services.notes.saveDraft(second.id, { ...filledDraft(), risk: emptyRiskAssessment() });
    const [still] = await services.risk.elevated();
    expect(still).toMatchObject({ noteId: first.id, followUp: { sessionId: week2.id, noteId: second.id } });
    await services.notes.saveDraft(second.id, { ...filledDraft(), risk: null });
    await services.notes.sign(second.id);
    // The signed follow-up moves on to the next session without a signed note.
    expect((await services.risk.elevated())[0]?.followUp).toEqual({
      sessionId: week3.id,
      startsAt: week3.startsAt,
      noteId: null,
    });
    const third = await services.notes.create(week3.id, 'soap');
    await services.notes.saveDraft(third.id, { ...filledDraft(), risk: assessed('low', '') });
    expect(await services.risk.elevated()).toEqual([]);
    // A client whose notes hold no risk section is never listed.
    await services.notes.create((await services.sessions.create(sessionInput(other.id))).id, 'soap');
    expect(await services.risk.elevated()).toEqual([]);
  });

  it('ranks by level, then the oldest assessment, and skips notes whose session is unknown', () => {
    const session = (id: string, clientId: string, startsAt: string): Session => ({
      id,
      clientId,
      startsAt,
      durationMinutes: 50,
      modality: 'in-person',
      attendance: 'attended',
    });
    const note = (id: string, sessionId: string, clientId: string, riskLevel: RiskLevel | null) =>
      ({
        id,
        sessionId,
        clientId,
        status: 'draft',
        updatedAt: '2025-03-01T00:00:00Z',
        riskLevel,
      }) as NoteSummary;
    const sessions = new Map(
      [
        session('s1', 'a', '2025-03-01T09:00:00Z'),
        session('s2', 'b', '2025-02-01T09:00:00Z'),
        session('s3', 'c', '2025-01-01T09:00:00Z'),
        session('s4', 'c', '2025-01-08T09:00:00+02:00'),
      ].map((s) => [s.id, s]),
    );
    const risks = elevatedRisks(sessions, [
      note('n1', 's1', 'a', 'moderate'),
      note('n2', 's2', 'b', 'imminent'),
      note('n3', 's3', 'c', 'moderate'),
      note('n4', 's4', 'c', null),
      note('n5', 'missing', 'd', 'high'),
    ]);
    expect(risks.map((r) => [r.clientId, r.level])).toEqual([
      ['b', 'imminent'],
      ['c', 'moderate'],
      ['a', 'moderate'],
    ]);
    expect(risks.find((r) => r.clientId === 'c')?.followUp).toEqual({
      sessionId: 's4',
      startsAt: '2025-01-08T09:00:00+02:00',
      noteId: 'n4',
    });
  });
});

describe('signing a note with a risk section', () => {
  it('asks for every answer, and for the actions taken at high or imminent risk', async () => {
    const { services } = await openServices();
    const client = await services.clients.create(clientInput('C-01'));
    const session = await services.sessions.create(sessionInput(client.id));
    const note = await services.notes.create(session.id, 'soap');
    await services.notes.saveDraft(note.id, { ...filledDraft(), risk: emptyRiskAssessment() });
    expect(await expectKind(services.notes.sign(note.id), 'invalid-input')).toMatch(
      /choose the ideation.*answer intent.*choose the risk level/,
    );
    await services.notes.saveDraft(note.id, { ...filledDraft(), risk: assessed('imminent', '  ') });
    expect(await expectKind(services.notes.sign(note.id), 'invalid-input')).toMatch(
      /risk is imminent, so write the actions taken/,
    );
    await services.notes.saveDraft(note.id, { ...filledDraft(), risk: assessed('imminent') });
    const signed = await services.notes.sign(note.id);
    expect(signed.risk?.level).toBe('imminent');
  });
});
