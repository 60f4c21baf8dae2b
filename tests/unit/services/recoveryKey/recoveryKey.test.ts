import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  RecoveryKeyClipboard,
  type Timers,
} from '../../../../main/services/recoveryKey/RecoveryKeyClipboard';
import { RecoveryKeySaver } from '../../../../main/services/recoveryKey/RecoveryKeySaver';
import { RECOVERY_KEY_FILE_NAME } from '../../../../main/services/recoveryKey/recoveryKeyText';
import { formatRecoveryKey, generateRecoveryKey } from '../../../../main/vault/recoveryKey';
import { AttuneError } from '../../../../shared/ipc/result';
import { tempDir } from '../../helpers/tempDir';

const key = formatRecoveryKey(generateRecoveryKey());
/** A key with one character changed: the checksum no longer matches. */
const typo = `${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}`;

/** A clipboard in memory, as the system's would behave. */
function fakeClipboard(initial = '') {
  return {
    text: initial,
    async writeText(text: string) {
      this.text = text;
    },
    async readText() {
      return this.text;
    },
  };
}

/** Timers the test fires by hand. */
function manualTimers() {
  const pending = new Map<number, { run: () => void; ms: number }>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (run, ms) => {
      pending.set(next, { run, ms });
      return next++;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  return {
    timers,
    pending,
    fireAll: () => {
      for (const [id, t] of [...pending]) {
        pending.delete(id);
        t.run();
      }
    },
  };
}

describe('RecoveryKeySaver', () => {
  it('asks where, starting at “Attune recovery key.txt”, and writes the key with the instructions', async () => {
    const dir = await tempDir('attune-key-');
    const asked: string[] = [];
    const target = join(dir, 'usb', 'my key.txt');
    await mkdir(join(dir, 'usb'));
    const saver = new RecoveryKeySaver(
      async (defaultPath) => {
        asked.push(defaultPath);
        return target;
      },
      join(dir, 'home'),
      () => new Date('2026-12-03T10:00:00Z'),
    );
    expect(await saver.save(key)).toEqual({ path: target });
    expect(asked).toEqual([join(dir, 'home', RECOVERY_KEY_FILE_NAME)]);
    const text = await readFile(target, 'utf8');
    expect(text).toContain(`\n${key}\n`);
    expect(text).toContain('Made on 2026-12-03.');
    expect(text).toContain('Forgot your passphrase?');
    expect(text).toContain('Keep this file off this computer');
    // Written atomically: no temp file left beside it, readable by the user only.
    expect(await readdir(join(dir, 'usb'))).toEqual(['my key.txt']);
    if (process.platform !== 'win32') expect((await stat(target)).mode & 0o777).toBe(0o600);
  });

  it('writes nothing when the user cancels', async () => {
    const dir = await tempDir('attune-key-');
    const saver = new RecoveryKeySaver(async () => null, dir);
    expect(await saver.save(key)).toBeNull();
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses anything but a whole recovery key, before any dialog', async () => {
    const dir = await tempDir('attune-key-');
    let asked = 0;
    const saver = new RecoveryKeySaver(async () => {
      asked++;
      return join(dir, 'x.txt');
    }, dir);
    for (const text of [typo, 'hello', `${key}\nmore`]) {
      await expect(saver.save(text)).rejects.toBeInstanceOf(AttuneError);
    }
    expect(asked).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });

  it('says what to do when the folder cannot be written', async () => {
    const dir = await tempDir('attune-key-');
    const saver = new RecoveryKeySaver(async () => join(dir, 'missing', 'key.txt'), dir);
    await expect(saver.save(key)).rejects.toThrow(/could not write the recovery key .*Choose another folder/);
  });
});

describe('RecoveryKeyClipboard', () => {
  it('copies the key and clears the clipboard after a minute if it still holds the key', async () => {
    const clipboard = fakeClipboard('before');
    const clock = manualTimers();
    const copier = new RecoveryKeyClipboard(clipboard, 60, clock.timers);
    expect(await copier.copy(key)).toEqual({ clearsInSeconds: 60 });
    expect(clipboard.text).toBe(key);
    expect([...clock.pending.values()].map((t) => t.ms)).toEqual([60_000]);
    clock.fireAll();
    await expect.poll(() => clipboard.text).toBe('');
  });

  it('leaves alone something the user copied since', async () => {
    const clipboard = fakeClipboard();
    const clock = manualTimers();
    const copier = new RecoveryKeyClipboard(clipboard, 60, clock.timers);
    await copier.copy(key);
    clipboard.text = 'a line from my notes';
    clock.fireAll();
    await copier.clearNow();
    expect(clipboard.text).toBe('a line from my notes');
  });

  it('copying again restarts the minute; clearing at quit clears at once', async () => {
    const clipboard = fakeClipboard();
    const clock = manualTimers();
    const copier = new RecoveryKeyClipboard(clipboard, 60, clock.timers);
    await copier.copy(key);
    await copier.copy(key);
    expect(clock.pending.size).toBe(1);
    await copier.clearNow();
    expect(clipboard.text).toBe('');
    expect(clock.pending.size).toBe(0);
  });

  it('refuses anything but a whole recovery key, and says so where there is no clipboard', async () => {
    const clipboard = fakeClipboard('kept');
    const copier = new RecoveryKeyClipboard(clipboard, 60, manualTimers().timers);
    await expect(copier.copy(typo)).rejects.toBeInstanceOf(AttuneError);
    expect(clipboard.text).toBe('kept');
    await expect(new RecoveryKeyClipboard(undefined).copy(key)).rejects.toThrow(
      'Copying is not available here.',
    );
  });
});
