import { describe, expect, it } from 'vitest';
import type { Services } from '../../../main/services/createServices';
import type { IndexPage } from '../../../shared/ipc/contract';
import { clientInput, filledDraft, openServices, sessionInput } from './serviceKit';

/** 3 clients, 7 sessions, 5 notes (15 records), plus process notes that must not show. */
async function fill(services: Services) {
  const ids = { clients: [] as string[], sessions: [] as string[], notes: [] as string[] };
  for (const [i, code] of ['C-01', 'C-02', 'C-03'].entries()) {
    const client = await services.clients.create(clientInput(code));
    ids.clients.push(client.id);
    for (let s = 0; s <= i + 1 && ids.sessions.length < 7; s++) {
      const session = await services.sessions.create(sessionInput(client.id, `2025-0${s + 1}-10T09:00:00Z`));
      ids.sessions.push(session.id);
      if (ids.notes.length < 5) {
        const note = await services.notes.create(session.id, 'soap');
        await services.notes.saveDraft(note.id, filledDraft());
        await services.processNotes.save(note.id, 'Private thoughts.');
        ids.notes.push(note.id);
      }
    }
  }
  return ids;
}

async function pageThrough(services: Services, limit: number): Promise<IndexPage[]> {
  const pages: IndexPage[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await services.index.page(offset, limit);
    pages.push(page);
    if (offset + limit >= page.total) return pages;
  }
}

describe('IndexService', () => {
  it.each([1, 4, 7, 15, 5000])(
    'pages of %i cover every record exactly once, clients first',
    async (limit) => {
      const { services } = await openServices();
      const ids = await fill(services);
      const pages = await pageThrough(services, limit);
      expect(pages.every((p) => p.total === 15)).toBe(true);
      const order = pages.flatMap((p) => [
        ...p.clients.map((c) => `client:${c.id}`),
        ...p.sessions.map((s) => `session:${s.id}`),
        ...p.notes.map((n) => `note:${n.id}`),
      ]);
      expect(order).toHaveLength(15);
      expect(new Set(order).size).toBe(15);
      const kindsInOrder = order.map((o) => o.split(':')[0]);
      expect(kindsInOrder).toEqual([
        ...Array(3).fill('client'),
        ...Array(7).fill('session'),
        ...Array(5).fill('note'),
      ]);
      expect(
        order
          .filter((o) => o.startsWith('note:'))
          .map((o) => o.slice(5))
          .sort(),
      ).toEqual([...ids.notes].sort());
    },
  );

  it('gives note summaries, never note text or process notes', async () => {
    const { services } = await openServices();
    await fill(services);
    const page = await services.index.page(0, 5000);
    expect(page.notes[0]).toMatchObject({ status: 'draft', ratings: { affective: 4 }, signedAt: null });
    expect(page.notes[0]).not.toHaveProperty('sections');
    expect(JSON.stringify(page)).not.toMatch(/Private thoughts|manager|polite smile/);
  });

  it('keeps the order of a pass while records are written, and sees them on the next pass', async () => {
    const { services } = await openServices();
    await fill(services);
    const first = await services.index.page(0, 5);
    const client = await services.clients.create(clientInput('A-00')); // would sort anywhere
    const rest = [await services.index.page(5, 5), await services.index.page(10, 5)];
    const seen = [first, ...rest].flatMap((p) => [...p.clients, ...p.sessions, ...p.notes].map((r) => r.id));
    expect(new Set(seen).size).toBe(15);
    expect(seen).not.toContain(client.id);
    const fresh = await services.index.page(0, 5000);
    expect(fresh.total).toBe(16);
    expect(fresh.clients.map((c) => c.id)).toContain(client.id);
  });

  it('reflects the latest saved content of a note', async () => {
    const { services } = await openServices();
    const ids = await fill(services);
    await services.notes.sign(ids.notes[0]!);
    const page = await services.index.page(0, 5000);
    expect(page.notes.find((n) => n.id === ids.notes[0])?.status).toBe('signed');
  });
});
