#!/usr/bin/env node
// cypher-lint: check every *.cypher file under a directory with Neo4j's own
// Cypher parser and semantic analysis (@neo4j-cypher/language-support, the
// library behind Neo4j's editors), so a query that Neo4j would reject (syntax
// error, undefined variable, removed Cypher 4 syntax such as
// size((p)-->()), undeclared $parameter, ...) fails CI instead of failing at
// run time against a database.
//
// Usage:  node tools/cypher-lint/lint.mjs DIR
//         (after: npm ci --prefix tools/cypher-lint)
//
// File format (fixed by relgraph): a header of `//` lines, holding a docstring,
// `// params: a, b, top:int` and `// returns: ...`, then the statement(s);
// several statements are separated by `;`. The whole file is linted as it is:
// Cypher treats the header as comments, the library splits the statements on
// `;` itself, and its positions are then already relative to the file.
//
// Choices, and why:
// - The declared params are passed as the schema's `parameters`; the library
//   only checks that each $name there is not `undefined` (the values never
//   reach the semantic analysis), so every value is null and the `:type`
//   suffix is ignored.
// - No labels, relationship types, property keys, functions or procedures are
//   passed: there is no database schema, and the library only reports unknown
//   ones when those lists are given.
// - Cypher 5 unless a statement starts with `CYPHER 25`; console commands
//   (`:param ...`) are rejected, as no driver accepts them.
// - Every diagnostic counts, warnings (e.g. deprecated id()) as well as errors.
//
// Prints `path:line:col: severity: message` (1-based) for each problem, then
// `cypher-lint: N files, M problems`. Exits 1 if there is any problem or no
// .cypher file at all, 2 on a usage error or if the analyser looks broken.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const SCHEMA_BASE = { defaultLanguage: 'CYPHER 5' };
const LINT_OPTIONS = { consoleCommandsEnabled: false };
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
const SKIP_DIRS = new Set(['node_modules', '.git']);
const PARAM_NAME = /^(?:[A-Za-z_][A-Za-z0-9_]*|`[^`]+`)$/;

function findCypherFiles(dir) {
  const found = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) found.push(...findCypherFiles(full));
    } else if (entry.name.endsWith('.cypher')) {
      // Symlinks to files count; symlinked directories are not followed.
      if (entry.isFile() || (entry.isSymbolicLink() && isFile(full))) {
        found.push(full);
      }
    }
  }
  return found;
}

function isFile(p) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

// Reads the leading block of `//` (and blank) lines. Returns the declared
// parameters, problems found in the header, and whether any text follows it.
function parseHeader(text) {
  const lines = text.split(/\r\n|\r|\n/);
  const parameters = {};
  const problems = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    if (!/^\s*\/\//.test(line)) break;
    const m = /^\s*\/\/\s*params:(.*)$/.exec(line);
    if (!m) continue;
    for (const part of m[1].split(',')) {
      const decl = part.trim();
      if (decl === '') continue;
      const colon = decl.indexOf(':');
      const name = (colon === -1 ? decl : decl.slice(0, colon)).trim();
      if (!PARAM_NAME.test(name)) {
        problems.push({
          line: i + 1,
          col: line.indexOf(decl) + 1,
          severity: 'error',
          message: `bad parameter name '${name}' in the // params: line`,
        });
        continue;
      }
      parameters[name.replace(/^`|`$/g, '')] = null;
    }
  }
  const hasBody = lines.slice(i).some((l) => l.trim() !== '');
  return { parameters, problems, hasBody };
}

function oneLine(message) {
  return String(message).replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function lintText(text, parameters) {
  const { diagnostics } = lintCypherQuery(
    text,
    { ...SCHEMA_BASE, parameters },
    LINT_OPTIONS,
  );
  return diagnostics.map((d) => ({
    line: d.range.start.line + 1,
    col: d.range.start.character + 1,
    severity: SEVERITY[d.severity] ?? 'error',
    message: oneLine(d.message),
  }));
}

function lintFile(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return [{ line: 1, col: 1, severity: 'error', message: `cannot read: ${err.message}` }];
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // BOM
  const header = parseHeader(text);
  const problems = [...header.problems];
  if (!header.hasBody) {
    problems.push({ line: 1, col: 1, severity: 'error', message: 'no Cypher statement after the header' });
  } else {
    try {
      problems.push(...lintText(text, header.parameters));
    } catch (err) {
      problems.push({ line: 1, col: 1, severity: 'error', message: `linter crashed: ${oneLine(err?.message ?? err)}` });
    }
  }
  return problems.sort((a, b) => a.line - b.line || a.col - b.col);
}

// The library swallows any exception of its semantic analysis and then
// reports nothing, which would turn CI green. Make sure it still rejects
// what it must (the package asks for a newer Node than CI may have).
function selfTest() {
  const semantic = lintText('MATCH (p) RETURN size((p)-->())', {});
  const syntax = lintText('MATCH (p) RETRN p', {});
  const param = lintText('RETURN $x', {});
  if (!semantic.length || !syntax.length || !param.length) {
    console.error(
      'cypher-lint: self-test failed: the Cypher analyser accepted a known-bad query ' +
        `(semantic: ${semantic.length}, syntax: ${syntax.length}, param: ${param.length} diagnostics); ` +
        `check the installed @neo4j-cypher/language-support and Node ${process.version}`,
    );
    process.exit(2);
  }
}

function main(argv) {
  if (argv.length !== 1 || argv[0].startsWith('-')) {
    console.error('usage: node tools/cypher-lint/lint.mjs DIR');
    return 2;
  }
  const dir = argv[0];
  if (!isDirectory(dir)) {
    console.error(`cypher-lint: not a directory: ${dir}`);
    return 2;
  }
  selfTest();
  const files = findCypherFiles(dir);
  let count = 0;
  for (const file of files) {
    for (const p of lintFile(file)) {
      console.log(`${file}:${p.line}:${p.col}: ${p.severity}: ${p.message}`);
      count++;
    }
  }
  if (files.length === 0) console.log(`cypher-lint: no .cypher file under ${dir}`);
  console.log(`cypher-lint: ${files.length} files, ${count} problems`);
  return count > 0 || files.length === 0 ? 1 : 0;
}

function isDirectory(p) {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

process.exitCode = main(process.argv.slice(2));
