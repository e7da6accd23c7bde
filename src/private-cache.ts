import { mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The user's own cache folder for profilint (XDG_CACHE_HOME/profilint, or ~/.cache/profilint), or undefined
 * when it cannot be made private. What is kept there is trusted (compiled code, the verdict on a config
 * file), so a folder someone else can write to, such as a shared /tmp, is never used.
 */
export function privateCacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const base = env.XDG_CACHE_HOME !== undefined && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  const folder = path.join(base, 'profilint');
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const info = statSync(folder);
    if (typeof process.getuid === 'function' && info.uid !== process.getuid()) return undefined;
    return (info.mode & 0o022) === 0 ? folder : undefined;
  } catch {
    return undefined;
  }
}
