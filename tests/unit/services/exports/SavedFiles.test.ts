import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeviceConfigStore } from '../../../../main/services/device/DeviceConfigStore';
import { SavedFiles } from '../../../../main/services/exports/SavedFiles';
import { ChosenPaths } from '../../../../main/services/records/ChosenPaths';
import type { SavePurpose } from '../../../../shared/ipc/contract';
import { AttuneError } from '../../../../shared/ipc/result';
import { tempDir } from '../../helpers/tempDir';

/** The shell's dialogs and file manager, answering what the test says and recording what was asked. */
function shell(answers: Array<string | null>) {
  const asked: Array<{ purpose: SavePurpose | 'export-to'; defaultPath: string }> = [];
  const shown: string[] = [];
  return {
    asked,
    shown,
    chooseSavePath: async (purpose: SavePurpose, defaultPath: string) => {
      asked.push({ purpose, defaultPath });
      return answers.shift() ?? null;
    },
    chooseFolder: async (purpose: 'export-to', defaultPath: string) => {
      asked.push({ purpose, defaultPath });
      return answers.shift() ?? null;
    },
    showItemInFolder: (path: string) => {
      shown.push(path);
    },
  };
}

async function setUp(answers: Array<string | null>) {
  const dataDir = await tempDir('attune-saved-');
  const fake = shell(answers);
  const chosen = new ChosenPaths();
  const config = new DeviceConfigStore(dataDir);
  const saved = new SavedFiles(fake, config, chosen, join(dataDir, 'exports'));
  return { dataDir, fake, chosen, config, saved };
}

describe('SavedFiles', () => {
  it('opens Save as… in the exports folder first, then where the last export went (kept across restarts)', async () => {
    const { dataDir, fake, config, chosen } = await setUp(['/media/usb/supervision/A-1.attune-review']);
    const saved = new SavedFiles(fake, config, chosen, join(dataDir, 'exports'));
    expect(await saved.chooseSaveAs('review-packet', 'Client-A-2026-12-01.attune-review')).toEqual({
      path: '/media/usb/supervision/A-1.attune-review',
    });
    expect(fake.asked[0]).toEqual({
      purpose: 'review-packet',
      defaultPath: join(dataDir, 'exports', 'Client-A-2026-12-01.attune-review'),
    });
    // The exports folder exists by the time the dialog opens in it.
    expect((await stat(join(dataDir, 'exports'))).isDirectory()).toBe(true);
    // The chosen path is now the one the export may write.
    expect(chosen.require('review-packet', '/media/usb/supervision/A-1.attune-review', 'x')).toBeTruthy();
    expect(() => chosen.require('review-packet', '/home/me/other.attune-review', 'x')).toThrow(AttuneError);
    // A later Save as…, even after a restart (a new SavedFiles over the same settings), opens there.
    const again = new SavedFiles(
      fake,
      new DeviceConfigStore(dataDir),
      new ChosenPaths(),
      join(dataDir, 'exports'),
    );
    await again.chooseSaveAs('review-summary', 'Client-A-summary.pdf');
    expect(fake.asked[1]?.defaultPath).toBe('/media/usb/supervision/Client-A-summary.pdf');
    expect((await config.read()).exportFolder).toBe('/media/usb/supervision');
  });

  it('adds the export’s extension when the user typed a name without it; a cancel chooses nothing', async () => {
    const { saved, config } = await setUp(['/home/me/Desktop/for supervision', null]);
    expect(await saved.chooseSaveAs('review-comments', 'comments')).toEqual({
      path: '/home/me/Desktop/for supervision.attune-comments',
    });
    expect(await saved.chooseSaveAs('review-comments', 'comments.attune-comments')).toBeNull();
    expect((await config.read()).exportFolder).toBe('/home/me/Desktop');
  });

  it('opens the export folder dialog where the last export went, and remembers the new one', async () => {
    const { saved, fake, dataDir } = await setUp(['/srv/records', '/srv/records/2026']);
    expect(await saved.chooseExportFolder()).toBe('/srv/records');
    expect(await saved.chooseExportFolder()).toBe('/srv/records/2026');
    expect(fake.asked.map((a) => a.defaultPath)).toEqual([join(dataDir, 'exports'), '/srv/records']);
  });

  it('shows a written file by its id only; an unknown id is refused', async () => {
    const { saved, fake } = await setUp([]);
    const id = saved.written('/media/usb/A-1.attune-review');
    expect(saved.show(id)).toBeNull();
    expect(fake.shown).toEqual(['/media/usb/A-1.attune-review']);
    expect(() => saved.show('00000000-0000-4000-8000-000000000000')).toThrow(/Export it again/);
    expect(fake.shown).toHaveLength(1);
  });

  it('says so where there is no dialog or file manager (the command line)', async () => {
    const dataDir = await tempDir('attune-saved-');
    const saved = new SavedFiles({}, new DeviceConfigStore(dataDir), new ChosenPaths(), dataDir);
    await expect(saved.chooseSaveAs('chart-png', 'chart.png')).rejects.toThrow(
      'Saving files is not available here.',
    );
    expect(() => saved.show(saved.written('/x'))).toThrow('not available here');
  });
});
