#!/usr/bin/env node
// The `attune` command: runs the CLI built into out/main by `npm run build` (also run by `npm ci`'s prepare step).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(built)) {
  process.stderr.write('attune: the CLI is not built yet. Run `npm run build` in the Attune folder first.\n');
  process.exit(2);
}
require(built);
