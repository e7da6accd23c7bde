import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A real git repository in a temporary folder, committed to at chosen dates. */
export interface TestRepository {
  root: string;
  /** Writes files (repository-relative path → text); `null` deletes one. */
  write(files: Record<string, string | null>): void;
  /** Commits everything at `isoDate` (author and committer date). */
  commit(message: string, isoDate: string): void;
  remove(): void;
}

/** Creates an empty git repository named `name` with a fixed identity, so commits do not depend on the machine. */
export function createTestRepository(name = 'acme-shop'): TestRepository {
  const parent = mkdtempSync(path.join(tmpdir(), 'profilint-weekly-'));
  const root = path.join(parent, name);
  mkdirSync(root);
  const git = (args: string[], env: NodeJS.ProcessEnv = {}): void => {
    execFileSync('git', args, {
      cwd: root,
      stdio: 'pipe',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: root, ...env },
    });
  };
  git(['init', '--quiet', '--initial-branch=main']);
  git(['config', 'user.name', 'Test Author']);
  git(['config', 'user.email', 'author@example.test']);
  git(['config', 'commit.gpgsign', 'false']);
  return {
    root,
    write(files) {
      for (const [file, text] of Object.entries(files)) {
        const absolute = path.join(root, file);
        if (text === null) {
          rmSync(absolute, { force: true });
          continue;
        }
        mkdirSync(path.dirname(absolute), { recursive: true });
        writeFileSync(absolute, text);
      }
    },
    commit(message, isoDate) {
      git(['add', '--all']);
      git(['commit', '--quiet', '--message', message], { GIT_AUTHOR_DATE: isoDate, GIT_COMMITTER_DATE: isoDate });
    },
    remove() {
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
