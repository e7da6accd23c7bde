// Parsing every code file with the TypeScript compiler: what a scan without a prefilter would pay.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { listScannedFiles } from './list-files.mjs';

const repository = process.argv[2];
let parsed = 0;
for (const file of listScannedFiles(repository)) {
  if (/\.ya?ml$/i.test(file)) continue;
  ts.createSourceFile(file, readFileSync(path.join(repository, file), 'utf8'), ts.ScriptTarget.Latest, true);
  parsed += 1;
}
console.log(parsed);
