// The files a full scan reads, found the way profilint finds them, so every measurement reads the same set.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const scanned = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|ya?ml)$/i;
const skippedFolders = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', 'vendor']);

function walk(directory, prefix, files) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.isDirectory() && !skippedFolders.has(entry.name)) walk(path.join(directory, entry.name), `${prefix}${entry.name}/`, files);
    else if (entry.isFile() && scanned.test(entry.name)) files.push(`${prefix}${entry.name}`);
  }
  return files;
}

/** Repository-relative paths of the files a scan reads. */
export function listScannedFiles(repository) {
  const git = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repository, encoding: 'utf8', maxBuffer: 1 << 28 });
  const listed = git.status === 0 ? git.stdout.split('\0').filter(Boolean) : walk(repository, '', []);
  return listed.filter((file) => scanned.test(file) && !file.split('/').some((part) => skippedFolders.has(part)) && !file.endsWith('.min.js'));
}
