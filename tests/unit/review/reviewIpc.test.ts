import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/ipc/createHandlers';
import { createRouter } from '../../../main/ipc/createRouter';
import { methods } from '../../../shared/ipc/contract';
import { reviewContract } from '../../../shared/ipc/contracts/reviewContract';
import type { Result } from '../../../shared/ipc/result';
import type { CommentsImportResult, SupervisorComment } from '../../../shared/review/commentsSchema';
import type { ReviewPacket } from '../../../shared/review/packetSchema';
import {
  everything,
  OTHER_NAMES,
  openReviewerHarness,
  openReviewHarness,
  PACKET_PASS,
  seedCase,
} from './reviewKit';

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}

/**
 * The router over the harness, and `choose`: what the open dialog answers next (main opens only a
 * file the user chose there), then chosen through it.
 */
async function routed(harness: Awaited<ReturnType<typeof openReviewHarness>>) {
  let next: string | null = null;
  const seams = { chooseFile: async () => next };
  const { call } = createRouter(
    createHandlers(harness.session, 'test', harness.services, harness.review, seams),
  );
  const choose = async (purpose: 'open-packet' | 'open-comments', path: string) => {
    next = path;
    expect(await call('files:chooseReviewFile', { purpose })).toEqual({ ok: true, value: { path } });
  };
  return Object.assign(call, { choose });
}

const kindOf = (result: Result<unknown>) => (result.ok ? 'ok' : result.error.kind);

describe('review through the IPC contract', () => {
  it('registers every review method', () => {
    for (const method of Object.keys(reviewContract)) expect(methods).toContain(method);
  });

  it('runs the whole round trip through the router', async () => {
    const clinician = await openReviewHarness();
    const seeded = await seedCase(clinician.services);
    const call = await routed(clinician);
    const request = {
      clientId: seeded.client.id,
      include: everything,
      extraNames: OTHER_NAMES,
      shiftDates: true,
    };
    const preview = value<ReviewPacket>(await call('review:preview', request));
    const exported = value<{ path: string; alias: string }>(
      await call('review:exportPacket', { ...request, passphrase: PACKET_PASS }),
    );
    expect(exported.path).toBe(
      join(clinician.dataDir, 'exports', `Client-A-${preview.createdAt.slice(0, 10)}.attune-review`),
    );

    const reviewer = await openReviewerHarness();
    const rcall = await routed(reviewer);
    // Not chosen in the open dialog: refused before anything is read.
    expect(kindOf(await rcall('review:openPacket', { path: exported.path, passphrase: PACKET_PASS }))).toBe(
      'invalid-input',
    );
    await rcall.choose('open-packet', exported.path);
    const opened = value<ReviewPacket>(
      await rcall('review:openPacket', { path: exported.path, passphrase: PACKET_PASS }),
    );
    expect(opened).toEqual(preview);
    expect(value<unknown[]>(await rcall('review:listPackets', undefined))).toHaveLength(1);
    const target = { kind: 'session', sessionRef: opened.sessions[0]!.sessionRef };
    const comment = value<{ id: string }>(
      await rcall('review:saveComment', { packetId: opened.packetId, target, text: 'Good pacing.' }),
    );
    expect(
      value<{ comments: unknown[] }>(await rcall('review:getPacket', { packetId: opened.packetId })).comments,
    ).toHaveLength(1);
    const out = value<{ path: string }>(
      await rcall('review:exportComments', {
        packetId: opened.packetId,
        reviewerName: 'Sam',
        passphrase: PACKET_PASS,
      }),
    );
    expect(await rcall('review:deleteComment', { id: comment.id })).toEqual({ ok: true, value: null });

    await call.choose('open-comments', out.path);
    const imported = value<CommentsImportResult>(
      await call('comments:import', { path: out.path, passphrase: PACKET_PASS }),
    );
    expect(imported).toMatchObject({ imported: 1, duplicates: 0 });
    const [home] = value<SupervisorComment[]>(
      await call('comments:list', { sessionId: seeded.sessions[0]!.id }),
    );
    expect(home).toMatchObject({
      text: 'Good pacing.',
      target: { kind: 'session', sessionId: seeded.sessions[0]!.id },
    });
    expect(await call('comments:setAddressed', { id: home!.id, addressed: true })).toMatchObject({
      ok: true,
      value: { addressed: true },
    });
    expect(await rcall('review:removePacket', { packetId: opened.packetId })).toEqual({
      ok: true,
      value: null,
    });
  });

  it('refuses paths that did not come from an open dialog, before reading anything', async () => {
    const harness = await openReviewHarness();
    const call = await routed(harness);
    const bad = [
      'relative/packet.attune-review',
      '/tmp/packet.json',
      '/tmp/pack\0et.attune-review',
      `/${'a'.repeat(4100)}.attune-review`,
      '',
      // UNC paths would make Windows connect out over SMB and offer the user's credentials.
      '\\\\server\\share\\x.attune-review',
      '//server/share/x.attune-review',
      '/\\server\\share\\x.attune-review',
    ];
    for (const path of bad) {
      expect(
        kindOf(await call('review:openPacket', { path, passphrase: PACKET_PASS })),
        path.slice(0, 40),
      ).toBe('invalid-input');
    }
    expect(
      kindOf(await call('comments:import', { path: '/tmp/x.attune-review', passphrase: PACKET_PASS })),
    ).toBe('invalid-input');
    // Absolute Windows drive paths are paths too: chosen in the dialog, they are looked for
    // (here they simply do not exist); not chosen, they are refused like any other.
    for (const path of ['C:\\Users\\me\\x.attune-review', '/nowhere/x.ATTUNE-REVIEW']) {
      expect(kindOf(await call('review:openPacket', { path, passphrase: PACKET_PASS }))).toBe(
        'invalid-input',
      );
      await call.choose('open-packet', path);
      expect(kindOf(await call('review:openPacket', { path, passphrase: PACKET_PASS }))).toBe('not-found');
    }
  });

  it('validates packet requests and comment input', async () => {
    const harness = await openReviewHarness();
    const seeded = await seedCase(harness.services);
    const call = await routed(harness);
    const request = { clientId: seeded.client.id, include: everything, extraNames: [], shiftDates: false };
    const refused = [
      call('review:exportPacket', { ...request, passphrase: 'short' }),
      call('review:exportPacket', { ...request, passphrase: PACKET_PASS, path: '/tmp/x.attune-review' }),
      call('review:preview', { ...request, from: '2025-04-01', to: '2025-03-01' }),
      call('review:preview', { ...request, from: '2025-02-30' }),
      call('review:preview', { ...request, include: { ...everything, notes: undefined } }),
      call('review:preview', {
        ...request,
        include: { metrics: false, charts: false, notes: false, ruptures: false, processNotes: false },
      }),
      call('review:preview', { ...request, extraNames: [''] }),
      call('review:preview', { ...request, alias: 'Client <A>' }),
      call('review:saveComment', { packetId: 'x', target: { kind: 'case' }, text: 'hi' }),
      call('review:saveComment', { packetId: '0'.repeat(32), target: { kind: 'note' }, text: 'hi' }),
      call('review:saveComment', { packetId: '0'.repeat(32), target: { kind: 'case' }, text: '   ' }),
      call('comments:list', {}),
      call('comments:list', { clientId: seeded.client.id, sessionId: seeded.sessions[0]!.id }),
    ];
    for (const result of await Promise.all(refused)) expect(kindOf(result)).toBe('invalid-input');
    expect(kindOf(await call('review:getPacket', { packetId: '0'.repeat(32) }))).toBe('not-found');
    expect(kindOf(await call('review:preview', { ...request, alias: 'Case Okafor' }))).toBe('invalid-input');
  });
});
