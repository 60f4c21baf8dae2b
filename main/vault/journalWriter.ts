import type { VaultFs } from './vaultFs';

/**
 * The open journal file. Appends go at explicit offsets so that a failed append can be cut off
 * again, leaving the journal exactly as it was before the change that failed.
 */
export class JournalWriter {
  /** Set when cutting off a failed append failed too: cut again before the next append. */
  private tailUnknown = false;

  constructor(
    private readonly fs: VaultFs,
    private readonly fd: number,
    public size: number,
  ) {}

  /** Appends one frame and makes it durable: this is the commit point of every change. */
  async append(frame: Buffer): Promise<void> {
    if (this.tailUnknown) {
      await this.fs.ftruncate(this.fd, this.size);
      this.tailUnknown = false;
    }
    const at = this.size;
    try {
      await this.fs.write(this.fd, frame, at);
      // fdatasync suffices: it flushes the data and the new length, which is all a reader needs.
      await this.fs.fdatasync(this.fd);
    } catch (error) {
      // If the frame reached the disk anyway it will be replayed at the next open, which is
      // allowed (old or new); cutting it off keeps this session's view and the file in step.
      await this.fs.ftruncate(this.fd, at).catch(() => {
        this.tailUnknown = true;
      });
      throw error;
    }
    this.size = at + frame.length;
  }

  /** Empties the journal after a checkpoint. */
  async reset(): Promise<void> {
    await this.fs.ftruncate(this.fd, 0);
    await this.fs.fdatasync(this.fd);
    this.size = 0;
    this.tailUnknown = false;
  }

  close(): Promise<void> {
    return this.fs.close(this.fd);
  }
}
