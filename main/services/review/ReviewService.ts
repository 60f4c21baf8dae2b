/**
 * Supervisor case review over the app's vault session: the clinician's packets and returned
 * comments, and the reviewer's opened packets and drafts. Writes that check before they write
 * (an import that must not duplicate, a comment on a packet that must exist) run one at a time;
 * the slow key derivation runs outside that queue. The key of a packet opened since unlock is
 * kept in main memory (never on disk, dropped at lock), so its comments file is sealed without
 * running Argon2id again.
 */

import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { calendarDate } from '../../../shared/analytics/dateRange';
import { canonicalJson } from '../../../shared/domain/canonicalJson';
import { AttuneError } from '../../../shared/errors';
import type {
  CommentsFilter,
  CommentsImportResult,
  PacketListing,
  ReviewComment,
  SupervisorComment,
} from '../../../shared/review/commentsSchema';
import type { ReviewPacket } from '../../../shared/review/packetSchema';
import { COMMENTS_EXTENSION, PACKET_EXTENSION } from '../../../shared/review/reviewFiles';
import { atomicWriteFile } from '../../vault/atomicWrite';
import type { KdfParams } from '../../vault/kdf';
import type { OpenVault } from '../../vault/OpenVault';
import { nodeVaultFs } from '../../vault/vaultFs';
import { type Clock, systemClock } from '../Clock';
import { kinds } from '../RecordStore';
import type { VaultSession } from '../VaultSession';
import { type BuiltPacket, buildPacket, type PacketRequest } from './buildPacket';
import { type ExportedPacket, exportPacket } from './exportPacket';
import { freshExportPath } from './exportPaths';
import { PacketKeys } from './PacketKeys';
import { type PrintablePacket, printSummary } from './pdfSummary';
import { type ReviewKey, unlockCheck } from './reviewEnvelope';
import {
  asRead,
  type CommentInput,
  commentsFileFor,
  commentsOf,
  deleteComment,
  listPackets,
  removePacket,
  requirePacket,
  saveComment,
  storeOpenedPacket,
} from './reviewerPackets';
import { openCommentsFile, openPacketFileWithKey, writeCommentsFile } from './reviewFiles';
import { reviewKinds } from './reviewKinds';
import { importComments, listComments, setCommentAddressed } from './supervisorComments';

export interface ReviewServiceOptions {
  clock?: Clock;
  /** Argon2id settings for new files; tests pass small ones. */
  kdf?: KdfParams;
  /** Where packets and comments files are written; `<dataDir>/exports` by default. */
  exportsDir?: string;
}

/**
 * Every record kind a packet is built from: if none changed, a preview is still what would leave.
 * One missing here (a diagnosis, a measure, a plan) kept a stale preview: its content, or a
 * diagnosis code the text should have lost, went into the export.
 */
const sourceKinds = [
  kinds.client,
  kinds.session,
  kinds.note,
  kinds.processNote,
  kinds.measure,
  kinds.treatmentPlan,
  kinds.diagnosis,
  kinds.template,
  kinds.setting,
  reviewKinds.export,
];

/** How many recent previews a PDF can still be saved from. */
const MAX_PRINTABLE = 20;

const wrongPacketPassphrase = () =>
  new AttuneError(
    'wrong-passphrase',
    'This is not the passphrase of the review packet; the clinician could not open comments sealed with it.',
  );

export class ReviewService {
  readonly #clock: Clock;
  readonly #kdf: KdfParams | undefined;
  readonly #exportsDir: string;
  #tail: Promise<unknown> = Promise.resolve();
  /** The last preview, reused by an export of the same request over the same records. */
  #preview: { vault: OpenVault; key: string; built: BuiltPacket } | null = null;
  /** Recent previews by packet id, for naming and dating their PDF. */
  readonly #printable = new Map<string, PrintablePacket>();
  readonly #keys = new PacketKeys();

  constructor(
    private readonly session: VaultSession,
    options: ReviewServiceOptions = {},
  ) {
    this.#clock = options.clock ?? systemClock;
    this.#kdf = options.kdf;
    this.#exportsDir = options.exportsDir ?? join(dirname(session.location), 'exports');
    session.onBeforeLock(async () => {
      this.#preview = null;
      this.#printable.clear();
      await this.#tail;
      this.#keys.clear();
    });
  }

  /** Exactly the content an export of the same request would write now. */
  async preview(request: PacketRequest): Promise<ReviewPacket> {
    return (await this.#build(request)).content;
  }

  /**
   * Builds (or reuses the matching preview), encrypts to `target` (the path the user chose in the
   * save dialog) or else `<exports>/<alias>-<date>.attune-review`, records it.
   */
  async exportPacket(request: PacketRequest, passphrase: string, target?: string): Promise<ExportedPacket> {
    const vault = this.session.vault;
    let built = await this.#build(request);
    // In the queue, so two exports never pick the same file name or packet.
    return this.#queue(vault, async () => {
      this.#preview = null; // a later export is a new packet, with new refs
      if (vault.list(reviewKinds.export).some((r) => r.id === built.content.packetId)) {
        built = await buildPacket(vault, request, this.#clock());
      }
      // Named by the packet's own "made" date: with shifted dates, the real one would give the offset away.
      const path =
        target ??
        (await freshExportPath(
          this.#exportsDir,
          built.content.alias,
          PACKET_EXTENSION,
          built.content.createdAt.slice(0, 10),
        ));
      return exportPacket(vault, built, passphrase, path, { kdf: this.#kdf });
    });
  }

  /**
   * Opens a packet file into this vault's review area (not among the user's own clients). A
   * different packet under the id of one already open is refused; the same packet again just
   * shows the open one.
   */
  async openPacket(path: string, passphrase: string): Promise<ReviewPacket> {
    const vault = this.session.vault;
    const { packet, check, key } = await openPacketFileWithKey(path, passphrase);
    try {
      await this.#queue(vault, async () => {
        await storeOpenedPacket(vault, packet, check, this.#clock());
        this.#keys.hold(packet.packetId, key, passphrase);
      });
    } catch (error) {
      this.#keys.dropUnlessHeld(packet.packetId, key);
      throw error;
    }
    return packet;
  }

  async listPackets(): Promise<PacketListing[]> {
    return listPackets(this.session.vault);
  }

  async getPacket(packetId: string): Promise<{ packet: ReviewPacket; comments: ReviewComment[] }> {
    const vault = this.session.vault;
    const { packet } = await requirePacket(vault, packetId);
    return { packet: asRead(packet), comments: await commentsOf(vault, packetId) };
  }

  async removePacket(packetId: string): Promise<void> {
    const vault = this.session.vault;
    return this.#queue(vault, async () => {
      await removePacket(vault, packetId);
      this.#keys.forget(packetId);
    });
  }

  async saveComment(input: CommentInput): Promise<ReviewComment> {
    const vault = this.session.vault;
    return this.#queue(vault, () => saveComment(vault, input, this.#clock()));
  }

  async deleteComment(id: string): Promise<void> {
    const vault = this.session.vault;
    return this.#queue(vault, () => deleteComment(vault, id));
  }

  /**
   * Checks the packet passphrase before the reviewer chooses where to save the comments: a wrong
   * one said only after the save dialog sent them through it again. A right one's key is kept
   * (as opening the packet keeps it), so the export that follows derives nothing.
   */
  async checkPacketPassphrase(packetId: string, passphrase: string): Promise<void> {
    const matches = this.#keys.matches(packetId, passphrase);
    if (matches === true) return;
    if (matches === false) throw wrongPacketPassphrase();
    const { passphraseCheck } = await requirePacket(this.session.vault, packetId);
    const key = await unlockCheck(passphraseCheck, passphrase);
    if (!key) throw wrongPacketPassphrase();
    this.#keys.hold(packetId, key, passphrase);
  }

  /**
   * Encrypts the comments under the packet's key (so with its passphrase, checked first) for the
   * clinician. The key kept from opening the packet is used when there is one; otherwise (after
   * a lock) it is derived once from the passphrase, within the review files' bounds, and kept.
   */
  async exportComments(
    packetId: string,
    reviewerName: string,
    passphrase: string,
    /** The path chosen in the save dialog; the exports folder when absent. */
    target?: string,
  ): Promise<{ path: string; comments: number }> {
    const vault = this.session.vault;
    const now = this.#clock();
    const { file, alias, passphraseCheck } = await commentsFileFor(vault, packetId, reviewerName, now);
    let fresh: ReviewKey | null = null;
    const matches = this.#keys.matches(packetId, passphrase);
    if (matches === false) throw wrongPacketPassphrase();
    if (matches === null) {
      fresh = await unlockCheck(passphraseCheck, passphrase);
      if (!fresh) throw wrongPacketPassphrase();
    }
    try {
      const path = await this.#queue(vault, async () => {
        if (fresh) this.#keys.hold(packetId, fresh, passphrase);
        const key = this.#keys.get(packetId);
        if (!key) {
          throw new AttuneError(
            'not-found',
            'This review packet is no longer in your vault. Open the packet file again.',
          );
        }
        const path =
          target ??
          (await freshExportPath(
            this.#exportsDir,
            alias,
            COMMENTS_EXTENSION,
            // The reviewer's own day, as the save dialog suggests it (commentsFileName).
            calendarDate(now.toISOString()),
            'comments',
          ));
        await writeCommentsFile(file, key, path);
        await vault.appendAudit('export', {
          what: 'review-comments',
          packetId,
          comments: file.comments.length,
        });
        return path;
      });
      return { path, comments: file.comments.length };
    } catch (error) {
      if (fresh) this.#keys.dropUnlessHeld(packetId, fresh);
      throw error;
    }
  }

  /**
   * Prints the case summary of a recent preview (through `print`, the shell's printToPDF) into
   * the exports folder beside the packets (0600, atomically, never over an earlier file), and
   * records the export. Named and dated like the packet: its document dates become the packet's
   * "made" time, its creator and producer are removed, and with shifted dates a PDF still
   * holding today's date is refused rather than saved.
   */
  async savePdf(
    packetId: string,
    print: () => Promise<Uint8Array>,
    /** The path chosen in the save dialog; the exports folder when absent. */
    target?: string,
  ): Promise<{ path: string }> {
    const vault = this.session.vault; // refuses while locked, before anything is printed
    const packet = this.#printable.get(packetId);
    if (!packet) {
      throw new AttuneError(
        'not-found',
        'This preview is no longer current. Preview the packet again, then save the PDF.',
      );
    }
    // Chromium stamps the real time; the app's clock may differ from it (tests), so both.
    const pdf = await printSummary(packet, print, [new Date(), this.#clock()]);
    return this.#queue(vault, async () => {
      // "<alias>-<date>-summary.pdf", then "<alias>-<date>-2-summary.pdf", …
      const path =
        target ??
        (await freshExportPath(
          this.#exportsDir,
          packet.alias,
          '-summary.pdf',
          packet.createdAt.slice(0, 10),
        ));
      try {
        await atomicWriteFile(nodeVaultFs, path, pdf, { syncDir: true });
      } catch {
        throw new AttuneError('io', `Cannot write ${path}; check that the folder is writable.`);
      }
      await vault.appendAudit('export', { what: 'review-pdf', alias: packet.alias });
      return { path };
    });
  }

  /** Brings a reviewer's comments home; importing the same file again adds nothing. */
  async importComments(path: string, passphrase: string): Promise<CommentsImportResult> {
    const vault = this.session.vault;
    const file = await openCommentsFile(path, passphrase);
    return this.#queue(vault, () => importComments(vault, file, this.#clock()));
  }

  async listComments(filter: CommentsFilter): Promise<SupervisorComment[]> {
    return listComments(this.session.vault, filter);
  }

  async setCommentAddressed(id: string, addressed: boolean): Promise<SupervisorComment> {
    const vault = this.session.vault;
    return this.#queue(vault, () => setCommentAddressed(vault, id, addressed, this.#clock()));
  }

  async #build(request: PacketRequest): Promise<BuiltPacket> {
    const vault = this.session.vault;
    const key = `${canonicalJson(request)}|${fingerprint(vault)}`;
    if (this.#preview?.vault === vault && this.#preview.key === key) return this.#preview.built;
    const built = await buildPacket(vault, request, this.#clock());
    this.#preview = { vault, key, built };
    this.#remember(built.content);
    return built;
  }

  #remember({ packetId, alias, createdAt, dateShiftApplied }: ReviewPacket): void {
    this.#printable.set(packetId, { alias, createdAt, dateShiftApplied });
    const oldest = this.#printable.keys().next().value;
    if (this.#printable.size > MAX_PRINTABLE && oldest !== undefined) this.#printable.delete(oldest);
  }

  /** Runs `work` after earlier queued work, only if `vault` is still the unlocked one. */
  #queue<R>(vault: OpenVault, work: () => Promise<R>): Promise<R> {
    const run = this.#tail.then(() => {
      if (this.session.vault !== vault)
        throw new AttuneError('locked', 'The vault is locked. Unlock it to continue.');
      return work();
    });
    this.#tail = run.then(
      () => undefined, // not the result: a tail that kept it would keep decrypted text alive
      () => undefined,
    );
    return run;
  }
}

/** The revisions of every record a packet is built from, hashed: changes when any of them changes. */
function fingerprint(vault: OpenVault): string {
  const hash = createHash('sha256');
  for (const kind of sourceKinds) {
    for (const r of vault.list(kind).sort((a, b) => (a.id < b.id ? -1 : 1)))
      hash.update(`${kind}/${r.id}@${r.rev};`);
  }
  return hash.digest('hex');
}
