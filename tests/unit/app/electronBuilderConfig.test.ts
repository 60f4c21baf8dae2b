import { readFile } from 'node:fs/promises';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, test } from 'vitest';

// electron-builder's own loader and validator (app-builder-lib's scheme.json through its ajv
// setup), run offline exactly as `electron-builder` runs them before packaging.
const config = await getConfig(process.cwd(), 'electron-builder.yml', null);

describe('electron-builder.yml', () => {
  test("passes app-builder-lib's own schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  test('the validator is live: an unknown option is refused', async () => {
    await expect(
      validateConfiguration({ ...config, notAnOption: true } as typeof config, new DebugLogger(false)),
    ).rejects.toThrow(/unknown property 'notAnOption'/);
  });

  test('names the app and the targets for each platform', () => {
    expect(config.appId).toBe('app.attune.desktop');
    expect(config.productName).toBe('Attune');
    expect(config.directories).toEqual({ output: 'dist', buildResources: 'build' });
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Office');
    // A .deb needs a maintainer; package.json names no author email.
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/);
    expect(config.win?.target).toBe('nsis');
    expect(config.mac?.target).toBe('dmg');
    expect(config.mac?.hardenedRuntime).toBe(true);
  });

  // Every fuse is asserted by name, and the set is exact: removing or flipping one fails here.
  test('sets every Electron fuse', () => {
    expect(config.electronFuses).toStrictEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  test('packs only the built output, into an asar', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toBeUndefined();
    expect(config.extraFiles).toBeUndefined();
    expect(config.extraResources).toBeUndefined();

    const sets = config.files as Array<{ filter?: string[]; from?: string; to?: string }>;
    expect(sets).toHaveLength(1);
    const [set] = sets;
    expect(set?.from).toBeUndefined();
    const included = (set?.filter ?? []).filter((pattern) => !pattern.startsWith('!'));
    expect(included.length).toBeGreaterThan(0);
    for (const pattern of included)
      expect(pattern === 'package.json' || pattern.startsWith('out/')).toBe(true);
    expect(set?.filter).toContain('!**/*.map');
  });

  // Beside the asar only the command-line shims, each a few lines that run the app with --cli.
  test('ships the command-line shims for Windows and macOS, and nothing else outside the asar', async () => {
    expect(config.win?.extraFiles).toEqual([{ from: 'build/cli/attune.cmd', to: 'attune.cmd' }]);
    expect(config.win?.extraResources).toBeUndefined();
    expect(config.mac?.extraResources).toEqual([{ from: 'build/cli/attune-macos', to: 'bin/attune' }]);
    expect(config.mac?.extraFiles).toBeUndefined();
    expect(config.linux?.extraFiles).toBeUndefined();
    expect(config.linux?.extraResources).toBeUndefined();
    // Linux needs none: the executable is `attune` (on PATH from the .deb), so `attune --cli …`.
    expect(config.linux?.executableName).toBe('attune');
    expect(await readFile('build/cli/attune.cmd', 'utf8')).toMatch(
      /^start "" \/wait \/b "%~dp0Attune\.exe" --cli %\*\r?$/m,
    );
    expect(await readFile('build/cli/attune-macos', 'utf8')).toMatch(
      /^exec "\$contents\/MacOS\/Attune" --cli "\$@"$/m,
    );
  });

  test('macOS entitlements allow JIT and nothing else', async () => {
    expect(config.mac?.entitlements).toBe('build/entitlements.mac.plist');
    const plist = await readFile('build/entitlements.mac.plist', 'utf8');
    expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1])).toEqual([
      'com.apple.security.cs.allow-jit',
    ]);
  });
});
