/**
 * A packet's date range is the clinician's own days, as the builder lists the sessions: in New
 * York, an 8:30 PM session on March 14 (00:30 UTC on the 15th) is in a range ending on the 14th.
 * Picked by UTC day, it was left out of the packet (and of the builder's list). The range the
 * packet states stays the one chosen: widened to that session's UTC day, it would claim a day
 * whose other sessions the packet does not hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsInDates } from '../../../renderer/src/features/review/packetChoices';
import { everything, openReviewHarness } from './reviewKit';

const zoneBefore = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

describe('a review packet’s dates west of UTC', () => {
  it('takes an evening session on the range’s last day, and states the range chosen', async () => {
    const { services, review } = await openReviewHarness();
    const client = await services.clients.create({
      code: 'C-7',
      startDate: '2025-01-01',
      concerns: [],
      goals: [],
    });
    const held = (startsAt: string) =>
      services.sessions.create({
        clientId: client.id,
        startsAt,
        durationMinutes: 50,
        modality: 'video',
        attendance: 'attended',
      });
    const morning = await held('2025-03-14T13:00:00.000Z'); // 9 AM, March 14
    const evening = await held('2025-03-15T00:30:00.000Z'); // 8:30 PM, March 14
    await held('2025-03-15T14:00:00.000Z'); // 10 AM, March 15: outside

    const rows = [morning, evening].map(
      (session) => ({ session }) as Parameters<typeof rowsInDates>[0][number],
    );
    expect(rowsInDates(rows, '2025-03-01', '2025-03-14').map((r) => r.session.id)).toEqual([
      morning.id,
      evening.id,
    ]);

    const packet = await review.preview({
      clientId: client.id,
      from: '2025-03-01',
      to: '2025-03-14',
      include: everything,
      extraNames: [],
      shiftDates: false,
    });
    expect(packet.sessions.map((s) => s.startsAt)).toEqual([
      '2025-03-14T13:00:00.000Z',
      '2025-03-15T00:30:00.000Z',
    ]);
    expect(packet.range).toEqual({ from: '2025-03-01', to: '2025-03-14' });
  });
});
