import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartImageBytes, writeExportFile } from '../../../../main/services/exports/chartImage';
import { AttuneError } from '../../../../shared/ipc/result';
import { tempDir } from '../../helpers/tempDir';

/** The smallest PNG there is: 1×1, one transparent pixel. */
const onePixelPng =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('chart images', () => {
  it('takes SVG markup and a base64 PNG as the bytes of the file', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>';
    expect(chartImageBytes('svg', svg).toString('utf8')).toBe(svg);
    expect(chartImageBytes('svg', `<?xml version="1.0"?>\n${svg}`).length).toBeGreaterThan(svg.length);
    const png = chartImageBytes('png', onePixelPng);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('refuses anything that is not the image it claims to be', () => {
    expect(() => chartImageBytes('svg', '#!/bin/sh\nrm -rf ~')).toThrow(AttuneError);
    expect(() => chartImageBytes('svg', '<html><svg></svg></html>')).toThrow('That is not a chart image');
    expect(() => chartImageBytes('png', Buffer.from('not a png').toString('base64'))).toThrow(AttuneError);
    expect(() => chartImageBytes('png', '<svg></svg>')).toThrow(AttuneError);
  });

  it('writes the file where the user chose, replacing one they agreed to replace, leaving no temp file', async () => {
    const dir = await tempDir('attune-chart-');
    const path = join(dir, 'trends.png');
    await writeExportFile(path, Buffer.from('first'));
    await writeExportFile(path, chartImageBytes('png', onePixelPng));
    expect((await readFile(path)).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(await readdir(dir)).toEqual(['trends.png']);
  });

  it('says what to do when the folder is gone', async () => {
    const dir = await tempDir('attune-chart-');
    await expect(writeExportFile(join(dir, 'gone', 'x.svg'), Buffer.from('<svg/>'))).rejects.toThrow(
      /could not write to .*gone.*choose another/,
    );
  });
});
