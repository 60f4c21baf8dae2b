/**
 * Supervisor case review over the app's vault session: the clinician's packets and returned
 * comments, and the reviewer's opened packets and drafts. Writes that check before they write
 * (an import that must not duplicate, a comment on a packet that must exist) run one at a time;
 * the slow key derivation runs outside that queue.
 */
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
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
import type { KdfParams } from '../../vault/kdf';
import type { Vault } from '../../vault/Vault';
import { type Clock, systemClock } from '../Clock';
import { kinds } from '../RecordStore';
import type { VaultSession } from '../VaultSession';
import { type BuiltPacket, buildPacket, type PacketRequest } from './buildPacket';
import { type ExportedPacket, exportPacket } from './exportPacket';
import { freshExportPath } from './exportPaths';
import { passphraseMatches } from './reviewEnvelope';
import {
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
import { openCommentsFile, openPacketFile, writeCommentsFile } from './reviewFiles';
import { reviewKinds } from './reviewKinds';
import { importComments, listComments, setCommentAddressed } from './supervisorComments';

export interface ReviewServiceOptions {
  clock?: Clock;
  /** Argon2id settings for new files; tests pass small ones. */
  kdf?: KdfParams;
  /** Where packets and comments files are written; `<dataDir>/exports` by default. */
  exportsDir?: string;
}

/** The record kinds a packet is built from: if none changed, a preview is still what would leave. */
const sourceKinds = [
  kinds.client,
  kinds.session,
  kinds.note,
  kinds.processNote,
  kinds.template,
  kinds.setting,
  reviewKinds.export,
];

export class ReviewService {
  readonly #clock: Clock;
  readonly #kdf: KdfParams | undefined;
  readonly #exportsDir: string;
  #tail: Promise<unknown> = Promise.resolve();
  /** The last preview, reused by an export of the same request over the same records. */
  #preview: { vault: Vault; key: string; built: BuiltPacket } | null = null;

  constructor(
    private readonly session: VaultSession,
    options: ReviewServiceOptions = {},
  ) {
    this.#clock = options.clock ?? systemClock;
    this.#kdf = options.kdf;
    this.#exportsDir = options.exportsDir ?? join(dirname(session.location), 'exports');
    session.onBeforeLock(async () => {
      this.#preview = null;
      await this.#tail;
    });
  }

  /** Exactly the content an export of the same request would write now. */
  async preview(request: PacketRequest): Promise<ReviewPacket> {
    return (await this.#build(request)).content;
  }

  /** Builds (or reuses the matching preview), encrypts to `<exports>/<alias>-<date>.attune-review`, records it. */
  async exportPacket(request: PacketRequest, passphrase: string): Promise<ExportedPacket> {
    const vault = this.session.vault;
    let built = await this.#build(request);
    // In the queue, so two exports never pick the same file name or packet.
    return this.#queue(vault, async () => {
      this.#preview = null; // a later export is a new packet, with new refs
      if (vault.list(reviewKinds.export).some((r) => r.id === built.content.packetId)) {
        built = await buildPacket(vault, request, this.#clock());
      }
      const path = await freshExportPath(
        this.#exportsDir,
        built.content.alias,
        PACKET_EXTENSION,
        this.#clock(),
      );
      return exportPacket(vault, built, passphrase, path, { kdf: this.#kdf });
    });
  }

  /** Opens a packet file into this vault's review area (not among the user's own clients). */
  async openPacket(path: string, passphrase: string): Promise<ReviewPacket> {
    const vault = this.session.vault;
    const { packet, check } = await openPacketFile(path, passphrase);
    await this.#queue(vault, () => storeOpenedPacket(vault, packet, check, this.#clock()));
    return packet;
  }

  async listPackets(): Promise<PacketListing[]> {
    return listPackets(this.session.vault);
  }

  async getPacket(packetId: string): Promise<{ packet: ReviewPacket; comments: ReviewComment[] }> {
    const vault = this.session.vault;
    const { packet } = await requirePacket(vault, packetId);
    return { packet, comments: await commentsOf(vault, packetId) };
  }

  async removePacket(packetId: string): Promise<void> {
    const vault = this.session.vault;
    return this.#queue(vault, () => removePacket(vault, packetId));
  }

  async saveComment(input: CommentInput): Promise<ReviewComment> {
    const vault = this.session.vault;
    return this.#queue(vault, () => saveComment(vault, input, this.#clock()));
  }

  async deleteComment(id: string): Promise<void> {
    const vault = this.session.vault;
    return this.#queue(vault, () => deleteComment(vault, id));
  }

  /** Encrypts the comments with the packet's passphrase (checked first) for the clinician. */
  async exportComments(
    packetId: string,
    reviewerName: string,
    passphrase: string,
  ): Promise<{ path: string; comments: number }> {
    const vault = this.session.vault;
    const now = this.#clock();
    const { file, alias, passphraseCheck } = await commentsFileFor(vault, packetId, reviewerName, now);
    if (!(await passphraseMatches(passphraseCheck, passphrase))) {
      throw new AttuneError(
        'wrong-passphrase',
        'This is not the passphrase of the review packet; the clinician could not open comments sealed with it.',
      );
    }
    const path = await this.#queue(vault, async () => {
      const path = await freshExportPath(this.#exportsDir, alias, COMMENTS_EXTENSION, now, 'comments');
      await writeCommentsFile(file, passphrase, path, { kdf: this.#kdf });
      await vault.appendAudit('export', {
        what: 'review-comments',
        packetId,
        comments: file.comments.length,
      });
      return path;
    });
    return { path, comments: file.comments.length };
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
    return built;
  }

  /** Runs `work` after earlier queued work, only if `vault` is still the unlocked one. */
  #queue<R>(vault: Vault, work: () => Promise<R>): Promise<R> {
    const run = this.#tail.then(() => {
      if (this.session.vault !== vault)
        throw new AttuneError('locked', 'The vault is locked. Unlock it to continue.');
      return work();
    });
    this.#tail = run.catch(() => undefined);
    return run;
  }
}

/** The revisions of every record a packet is built from, hashed: changes when any of them changes. */
function fingerprint(vault: Vault): string {
  const hash = createHash('sha256');
  for (const kind of sourceKinds) {
    for (const r of vault.list(kind).sort((a, b) => (a.id < b.id ? -1 : 1)))
      hash.update(`${kind}/${r.id}@${r.rev};`);
  }
  return hash.digest('hex');
}
