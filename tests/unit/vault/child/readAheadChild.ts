import { RecordCheckThread } from '../../../../main/vault/recordCheckThread';

/**
 * A process whose only work is awaiting the check thread's read-ahead of `argv[2]`, as
 * `attune verify` does before its key is derived: it must print what was read, not end silently.
 */
async function main(): Promise<void> {
  const thread = RecordCheckThread.start({ recordsDir: process.argv[2]! });
  const read = await thread.readAhead({ wait: true });
  process.stdout.write(`read ${read.names.length}\n`);
  thread.stop();
}

void main();
