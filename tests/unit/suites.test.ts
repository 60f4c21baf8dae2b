import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreE2eSpecs, longUnitTests } from '../suites';

const root = resolve(__dirname, '../..');

describe('the npm test / test:long split (tests/suites.ts)', () => {
  it('names only test files that exist, so none drops out of both suites by a typo or a rename', () => {
    for (const file of longUnitTests) expect(existsSync(join(root, file)), file).toBe(true);
    const specs = readdirSync(join(root, 'tests/e2e')).filter((name) => name.endsWith('.spec.ts'));
    for (const spec of coreE2eSpecs) expect(specs, spec).toContain(spec);
    // The long project is every other spec: the core list must leave some for it, and not be all.
    expect(coreE2eSpecs.length).toBeLessThan(specs.length);
  });
});
