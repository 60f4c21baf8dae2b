#!/usr/bin/env node
// Electron security lint: runs @doyensec/electronegativity over main/ and fails (exit 1) on any
// HIGH finding, on any MEDIUM finding not allowed with a reason in electronegativity-allow.json,
// and on any file it could not parse (an unparsed file is an unchecked file).
//
// Usage: node build/electronegativity.mjs [folder]   (default: main)
//
// Two things differ from calling its CLI, both on purpose:
// - It is run through its programmatic API (the package's `main`), which returns the findings
//   and the parse errors as data. The CLI always exits 0 and its CSV leaves out parse errors.
// - Its TypeScript parser (@typescript-eslint/typescript-estree 4) is hoisted next to this
//   project's TypeScript 7, which has no compiler JS API, so loading it crashes. The package
//   ships its own TypeScript 4 for that parser; we hand that one over through the module cache.
//   (.ts files are parsed by Babel first; typescript-estree is only the fallback.)
import { readFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = resolve(root, process.argv[2] ?? 'main');
const allowListPath = join(root, 'build', 'electronegativity-allow.json');
const require = createRequire(join(root, 'package.json'));

const toolDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const toolRequire = createRequire(join(toolDir, 'package.json'));
const electronVersion = require('electron/package.json').version;

provideTypeScriptForTheParser();
const run = toolRequire('./dist/runner.js');

const allowList = readAllowList();
const scan = await run({
  input,
  output: undefined,
  isSarif: false,
  customScan: [],
  excludeFromScan: [],
  severitySet: undefined,
  confidenceSet: undefined,
  isRelative: true,
  isVerbose: false,
  electronUpgrade: undefined,
  electronVersionOverride: electronVersion,
  parserPlugins: [],
});

const rows = [];
const failures = [];
const usedAllowances = new Set();
for (const issue of scan.issues) {
  // Global checks (e.g. 'no CSP found') name no file; their rows say N/A.
  const file = issue.file === 'N/A' ? 'N/A' : relative(root, resolve(input, issue.file));
  const severity = issue.severity.name;
  const where = file === 'N/A' ? file : `${file}:${issue.location.line}:${issue.location.column}`;
  let verdict = 'note';
  if (severity === 'HIGH') {
    verdict = 'FAIL';
  } else if (severity === 'MEDIUM') {
    const allowance = allowList.find((entry) => entry.check === issue.id && entry.file === file);
    if (allowance) {
      usedAllowances.add(allowance);
      verdict = 'allowed';
    } else {
      verdict = 'FAIL';
    }
  }
  if (verdict === 'FAIL') failures.push(`${issue.id} at ${where}: ${issue.description}`);
  rows.push([verdict, severity, issue.confidence.name, issue.id, where]);
}

const unparsed = scan.errors.filter((error) => !error.tolerable);
for (const error of unparsed)
  failures.push(`could not parse ${relative(root, error.file)}: ${error.message}`);

console.log(
  `electronegativity over ${relative(root, input) || '.'} (Electron ${electronVersion}): ` +
    `${scan.atomicChecks + scan.globalChecks} checks, ${scan.issues.length} findings`,
);
if (rows.length > 0) printTable(['verdict', 'severity', 'confidence', 'check', 'where'], rows);
for (const entry of allowList) {
  if (!usedAllowances.has(entry))
    console.log(`note: allow-list entry ${entry.check} for ${entry.file} matched nothing; remove it?`);
}
if (failures.length > 0) {
  console.error(`\n${failures.length} problem(s):`);
  for (const failure of failures) console.error(`- ${failure}`);
  process.exit(1);
}
console.log('No HIGH finding, and every MEDIUM finding is allowed with a reason.');

function provideTypeScriptForTheParser() {
  const parserMain = toolRequire.resolve('@typescript-eslint/typescript-estree');
  const typescriptPath = createRequire(parserMain).resolve('typescript');
  if (typeof require(typescriptPath).SyntaxKind === 'object') return; // a TypeScript with a JS API
  const bundled = toolRequire('typescript');
  if (typeof bundled.SyntaxKind !== 'object')
    throw new Error('electronegativity has no usable TypeScript of its own.');
  const shim = new Module(typescriptPath);
  shim.filename = typescriptPath;
  shim.loaded = true;
  shim.exports = bundled;
  require.cache[typescriptPath] = shim;
}

function readAllowList() {
  const entries = JSON.parse(readFileSync(allowListPath, 'utf8'));
  if (!Array.isArray(entries)) throw new Error(`${allowListPath} must hold an array.`);
  for (const entry of entries) {
    const fields = ['check', 'file', 'reason'];
    if (fields.some((field) => typeof entry?.[field] !== 'string' || entry[field].trim() === '')) {
      throw new Error(
        `Every entry in ${allowListPath} needs a check, a file and a reason: ${JSON.stringify(entry)}`,
      );
    }
  }
  return entries;
}

function printTable(header, body) {
  const widths = header.map((_, column) =>
    Math.max(...[header, ...body].map((row) => String(row[column]).length)),
  );
  const line = (row) => row.map((cell, column) => String(cell).padEnd(widths[column])).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of body) console.log(line(row));
}
