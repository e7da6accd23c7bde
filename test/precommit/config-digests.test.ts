import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeConfigDigest } from '../../src/quick-scan.js';
import { createTempRepo } from '../helpers/temp-repo.js';

const digest = { configText: 'rules: {}\n', defaultFiles: true, maxFileSize: 1_000_000, candidateTest: { markers: [], calls: [], writes: [], profileData: [], attributes: [] } };

describe('config digests in the private cache folder', () => {
  it('keeps the 64 most recently written and forgets the rest', () => {
    const folder = path.join(createTempRepo().root, 'profilint');
    mkdirSync(folder, { recursive: true });
    // 70 digests written a day apart, the oldest first; and a file that is not a digest.
    const day = 24 * 60 * 60;
    const start = Date.now() / 1000 - 100 * day;
    for (let index = 0; index < 70; index += 1) {
      const file = path.join(folder, `config-${index.toString(16).padStart(16, '0')}.json`);
      writeFileSync(file, '{}');
      utimesSync(file, start + index * day, start + index * day);
    }
    writeFileSync(path.join(folder, 'profilint-0.1.0.v8cache'), '');

    writeConfigDigest(path.join(folder, 'config-ffffffffffffffff.json'), digest);

    const digests = readdirSync(folder).filter((name) => name.startsWith('config-')).sort();
    expect(digests).toHaveLength(64);
    expect(digests).toContain('config-ffffffffffffffff.json');
    // The seven oldest are gone.
    expect(digests[0]).toBe(`config-${(7).toString(16).padStart(16, '0')}.json`);
    expect(readdirSync(folder)).toContain('profilint-0.1.0.v8cache');
  });
});
