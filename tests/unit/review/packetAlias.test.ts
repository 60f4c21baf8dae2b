import { describe, expect, it } from 'vitest';
import { nextFreeAlias } from '../../../main/services/review/buildPacket';
import { everything, openReviewHarness } from './reviewKit';

const given = (...aliases: string[]) => aliases.map((alias) => ({ alias }));

describe('the default alias of a review packet', () => {
  it('is the first "Client …" not given to another client', () => {
    expect(nextFreeAlias([], ['Robin Okafor', 'C-014'])).toBe('Client A');
    expect(nextFreeAlias(given('Client A', 'client b'), ['Robin Okafor'])).toBe('Client C');
  });

  it('avoids the client’s names and the listed ones, with another word when "Client" is one of them', () => {
    expect(nextFreeAlias([], ['Known Client', 'K-1'])).toBe('Person A');
    expect(nextFreeAlias(given('Person A'), ['Known Client'])).toBe('Person B');
    // A word inside a longer name is not that name: "Clientson" leaves "Client" free.
    expect(nextFreeAlias([], ['Bea Clientson'])).toBe('Client A');
    // Every word taken by a name: letters alone, never a lone letter.
    expect(nextFreeAlias([], ['Client Person', 'Member'])).toBe('AA');
  });

  it('lets a packet be built for a client called "Known Client", under an alias free of both words', async () => {
    const { services, review } = await openReviewHarness();
    const client = await services.clients.create({
      code: 'K-1',
      displayName: 'Known Client',
      startDate: '2025-01-01',
      concerns: [],
      goals: [],
    });
    await services.sessions.create({
      clientId: client.id,
      startsAt: '2025-04-01T10:00:00Z',
      durationMinutes: 50,
      modality: 'video',
      attendance: 'attended',
    });
    const packet = await review.preview({
      clientId: client.id,
      include: everything,
      extraNames: [],
      shiftDates: false,
    });
    expect(packet.alias).toBe('Person A');
    expect(packet.alias.toLowerCase()).not.toMatch(/known|client/);
  });
});

describe('an alias that names another client', () => {
  it('is refused when typed, and never given by default: a packet about one client must not name another', async () => {
    const { services, review } = await openReviewHarness();
    const make = (code: string, displayName: string) =>
      services.clients.create({ code, displayName, startDate: '2025-01-01', concerns: [], goals: [] });
    const client = await make('C-1', 'Robin Okafor');
    await make('C-2', 'Dana Reyes');
    // A client whose name is the first default alias: the default moves past it.
    await make('C-3', 'Client A');
    await services.sessions.create({
      clientId: client.id,
      startsAt: '2025-04-01T10:00:00Z',
      durationMinutes: 50,
      modality: 'video',
      attendance: 'attended',
    });
    const request = { clientId: client.id, include: everything, extraNames: [], shiftDates: false };
    for (const alias of ['C-2', 'Dana Reyes', 'Dana']) {
      await expect(review.preview({ ...request, alias })).rejects.toThrow(
        'The alias contains the name or code of another of your clients; choose another.',
      );
    }
    expect((await review.preview({ ...request, alias: 'Sam' })).alias).toBe('Sam');
    expect((await review.preview(request)).alias).toBe('Person A');
  });
});
