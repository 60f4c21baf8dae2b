import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/ipc/createHandlers';
import { createRouter } from '../../../main/ipc/createRouter';
import { openPacketFile } from '../../../main/services/review/reviewFiles';
import type { Result } from '../../../shared/ipc/result';
import type { ReviewPacket } from '../../../shared/review/packetSchema';
import {
  everything,
  OTHER_NAMES,
  openReviewHarness,
  PACKET_PASS,
  type SeededCase,
  seedCase,
} from './reviewKit';

/** The harness clock's day: when the packet is made, as far as the app knows. */
const MADE_ON = '2025-06-02';
const SHIFT_DAYS = 100;

const two = (n: number) => String(n).padStart(2, '0');
const utcDay = (iso: string) => new Date(iso).toISOString().slice(0, 10);
const localDay = (d: Date) => `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;

/** Every real day the clinician's records hold, and today's (UTC and local: a PDF stamps local time). */
function realDays(seeded: SeededCase): string[] {
  const now = new Date();
  const days = [MADE_ON, utcDay(now.toISOString()), localDay(now)];
  for (const s of seeded.sessions) days.push(utcDay(s.startsAt), localDay(new Date(s.startsAt)));
  for (const n of seeded.notes) {
    days.push(utcDay(n.updatedAt));
    if (n.signed) days.push(utcDay(n.signed.at));
    for (const a of n.addenda) days.push(utcDay(a.at));
  }
  return [...new Set(days)];
}

/** Fails if `text` holds any of `days` as the app and PDF tools write them: 2025-06-02, 20250602, D:20250602. */
function expectNoRealDay(text: string, days: string[], where: string): void {
  for (const day of days) {
    const compact = day.replaceAll('-', '');
    for (const form of [day, compact, `D:${compact}`]) {
      expect(text.includes(form), `real date ${form} in ${where}`).toBe(false);
    }
  }
}

/**
 * A clinician's vault with the seeded case and one earlier packet for the client, whose offset
 * (+100 days) later packets reuse: a fixed offset keeps shifted dates from landing, by chance,
 * on a real day the test looks for.
 */
async function clinicianWithFixedShift() {
  const clinician = await openReviewHarness(`${MADE_ON}T10:00:00.000Z`);
  const seeded = await seedCase(clinician.services);
  await clinician.session.vault.put('review-export', 'e'.repeat(32), {
    packetId: 'e'.repeat(32),
    clientId: seeded.client.id,
    alias: 'Client A',
    createdAt: '2025-05-01T10:00:00.000Z',
    shiftDays: SHIFT_DAYS,
    sessions: 1,
    processNotes: false,
    path: '/elsewhere/earlier.attune-review',
    refs: { sessions: {}, notes: {}, ruptures: {} },
  });
  return { clinician, seeded };
}

/** A PDF laid out as Chromium's printToPDF (Skia) writes it, stamped with the real time of printing. */
function chromiumLikePdf(printedAt: Date): Buffer {
  const offset = -printedAt.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const stamp =
    `D:${printedAt.getFullYear()}${two(printedAt.getMonth() + 1)}${two(printedAt.getDate())}` +
    `${two(printedAt.getHours())}${two(printedAt.getMinutes())}${two(printedAt.getSeconds())}` +
    `${sign}${two(Math.floor(Math.abs(offset) / 60))}'${two(Math.abs(offset) % 60)}'`;
  const objects = [
    `<</Title (Attune)\n/Creator (Mozilla/5.0 \\(X11; Linux x86_64\\) AppleWebKit/537.36 \\(KHTML, like Gecko\\) HeadlessChrome/156.0.0.0 Safari/537.36)\n/Producer (Skia/PDF m156)\n/CreationDate (${stamp})\n/ModDate (${stamp})>>`,
    '<</Type /Catalog\n/Pages 3 0 R>>',
    '<</Type /Pages\n/Count 1\n/Kids [4 0 R]>>',
    '<</Type /Page\n/MediaBox [0 0 595.91998 842.88]\n/Parent 3 0 R>>',
  ];
  let body = '%PDF-1.4\n%\xd3\xeb\xe9\xe1\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) body += `${String(at).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<</Size ${objects.length + 1}\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF`;
  return Buffer.from(body, 'latin1');
}

/** Every cross-reference entry still points at the start of its object. */
function expectXrefIntact(pdf: Buffer): void {
  const text = pdf.toString('latin1');
  const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
  expect(text.slice(xref, xref + 4)).toBe('xref');
  const entries = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  expect(entries.length).toBeGreaterThan(0);
  for (const [i, at] of entries.entries()) {
    expect(text.slice(at, at + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
  }
}

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}

describe('a packet with shifted dates holds no real date', () => {
  it('in its file name or its decrypted content', async () => {
    const { clinician, seeded } = await clinicianWithFixedShift();
    const exported = await clinician.review.exportPacket(
      { clientId: seeded.client.id, include: everything, extraNames: OTHER_NAMES, shiftDates: true },
      PACKET_PASS,
    );
    const { packet } = await openPacketFile(exported.path, PACKET_PASS);
    expect(packet.dateShiftApplied).toBe(true);
    const real = realDays(seeded);
    expectNoRealDay(basename(exported.path), real, 'the packet’s file name');
    expectNoRealDay(JSON.stringify(packet), real, 'the decrypted packet');
    // The name carries the packet's own "made" date, as its content shows it.
    expect(basename(exported.path)).toBe(`Client-A-${packet.createdAt.slice(0, 10)}.attune-review`);
    // Not the day it was made, shifted (the reviewer knows about when it came): the last session's.
    expect(packet.createdAt.slice(0, 10)).not.toBe('2025-09-10');
    expect(packet.createdAt).toBe(packet.sessions.at(-1)?.startsAt);
  });

  it('in the PDF summary: its file name and its document dates, creator and producer', async () => {
    const { clinician, seeded } = await clinicianWithFixedShift();
    const printed: Array<{ at: Date; pdf: Buffer }> = [];
    const handlers = createHandlers(clinician.session, 'test', clinician.services, clinician.review, {
      printToPdf: async () => {
        const at = new Date();
        const pdf = chromiumLikePdf(at);
        printed.push({ at, pdf });
        return pdf;
      },
    });
    const call = createRouter(handlers).call;
    const request = { clientId: seeded.client.id, include: everything, extraNames: [], shiftDates: true };
    const preview = value<ReviewPacket>(await call('review:preview', request));
    const { path } = value<{ path: string }>(await call('review:savePdf', { packetId: preview.packetId }));

    const real = realDays(seeded);
    expectNoRealDay(basename(path), real, 'the PDF’s file name');
    expect(basename(path)).toBe(`Client-A-${preview.createdAt.slice(0, 10)}-summary.pdf`);
    const pdf = await readFile(path);
    expectNoRealDay(pdf.toString('latin1'), real, 'the PDF');
    // The printer stamped today's date, so the check above would catch it had it stayed.
    const [{ at, pdf: raw }] = printed as [{ at: Date; pdf: Buffer }];
    expect(raw.toString('latin1')).toContain(`/CreationDate (D:${localDay(at).replaceAll('-', '')}`);

    const text = pdf.toString('latin1');
    expect(text).not.toMatch(/\/Producer|\/Creator|Skia|HeadlessChrome/);
    const made = preview.createdAt.replace(/[-:T]/g, '').slice(0, 14);
    expect(text).toContain(`/CreationDate (D:${made}+00'00')`);
    expect(text).toContain(`/ModDate (D:${made}+00'00')`);
    expect(pdf.length).toBe(raw.length);
    expectXrefIntact(pdf);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const audit = (await clinician.session.vault.readAudit()).filter((e) => e.type === 'export');
    expect(audit.map((e) => e.detail.what)).toEqual(['review-pdf']);
  });

  it('a PDF is saved only for a preview made since unlock, and nothing is written otherwise', async () => {
    const { clinician } = await clinicianWithFixedShift();
    const handlers = createHandlers(clinician.session, 'test', clinician.services, clinician.review, {
      printToPdf: async () => chromiumLikePdf(new Date()),
    });
    const result = await createRouter(handlers).call('review:savePdf', { packetId: 'a'.repeat(32) });
    expect(result).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(result.ok ? '' : result.error.message).toMatch(/Preview the packet again/);
    expect(await readdir(join(clinician.dataDir, 'exports')).catch(() => [])).toEqual([]);
  });

  it('with real dates kept, the names carry the real day the packet was made', async () => {
    const { clinician, seeded } = await clinicianWithFixedShift();
    const exported = await clinician.review.exportPacket(
      { clientId: seeded.client.id, include: everything, extraNames: [], shiftDates: false },
      PACKET_PASS,
    );
    expect(basename(exported.path)).toBe(`Client-A-${MADE_ON}.attune-review`);
  });
});
