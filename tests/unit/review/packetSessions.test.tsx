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

it('a packet of four sessions or more lists them at its top, each with its ruptures, to jump to', async () => {
  const { services, review } = await openReviewHarness();
  const seeded = await seedCase(services);
  const packetOf = () =>
    review.preview({ clientId: seeded.client.id, include: everything, extraNames: [], shiftDates: false });
  const contents = (packet: Awaited<ReturnType<typeof packetOf>>) => {
    const html = renderToStaticMarkup(<PacketView packet={packet} sectionLevel={2} />);
    const nav = /<nav class="packet-contents" aria-label="Sessions in this packet">(.*?)<\/nav>/.exec(html);
    return (
      nav?.[1]
        ?.replace(/<[^>]+>/g, '|')
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean) ?? null
    );
  };
  // Three sessions: no list.
  expect(contents(await packetOf())).toBeNull();
  await services.sessions.create({
    clientId: seeded.client.id,
    startsAt: '2025-03-31T09:00:00Z',
    durationMinutes: 50,
    modality: 'in-person',
    attendance: 'attended',
  });
  const listed = contents(await packetOf());
  expect(listed?.[0]).toBe('Go to a session (4)');
  // Session 1 has one rupture, session 2 two, sessions 3 and 4 none.
  expect(listed?.slice(1)).toEqual([
    expect.stringMatching(/^Session 1 · Mar 3, 2025/),
    '· 1 rupture',
    expect.stringMatching(/^Session 2 · Mar 10, 2025/),
    '· 2 ruptures',
    expect.stringMatching(/^Session 3 · Mar 24, 2025/),
    expect.stringMatching(/^Session 4 · Mar 31, 2025/),
  ]);
});
