import { renderToStaticMarkup } from 'react-dom/server';
import { expect, it } from 'vitest';
import { PacketView } from '../../../renderer/src/features/review/PacketView';
import { everything, openReviewHarness, seedCase } from './reviewKit';

it('a packet of ruptures only does not call a session whose note has none “without a note”', async () => {
  const { services, review } = await openReviewHarness();
  const seeded = await seedCase(services);
  const build = (notes: boolean) =>
    review.preview({
      clientId: seeded.client.id,
      include: { ...everything, notes, metrics: false, charts: false },
      extraNames: [],
      shiftDates: false,
    });
  const text = (packet: Awaited<ReturnType<typeof build>>) =>
    renderToStaticMarkup(<PacketView packet={packet} sectionLevel={2} />).replace(/<[^>]+>/g, ' ');
  const ruptures = await build(false);
  // Some session's note has no rupture: it is left out of a ruptures-only packet.
  expect(ruptures.notes.length).toBeLessThan(ruptures.sessions.length);
  expect(text(ruptures)).not.toContain('No note for this session');
  expect(text(ruptures)).toContain('No rupture recorded for this session');
  const withNotes = await build(true);
  expect(text(withNotes)).not.toContain('No rupture recorded for this session');
});
