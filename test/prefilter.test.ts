import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../src/catalogs.js';
import { defaultConfig } from '../src/config.js';
import { createPrefilter } from '../src/prefilter.js';

/** The kind the prefilter gives each text, with `sinks` added to the vocabulary. */
async function kindsOf(texts: string[], sinks: string[] = []): Promise<string[]> {
  const config = defaultConfig('/repo');
  config.vocabulary = { ...config.vocabulary, sinks };
  const sources = texts.map((text, index) => ({ file: `src/file${index}.ts`, text }));
  const { verdicts } = await createPrefilter(loadCatalogs(config.vocabulary), config).selectFilesToParse(sources);
  return sources.map((source) => verdicts.get(source.file)!.kind);
}

describe('createPrefilter', () => {
  it('reads markers as written and sink substrings in any case', async () => {
    expect(
      await kindsOf([
        'const options = { optOut: true };',
        'const options = { OPTOUT: true };',
        '// @retention P30D\nexport const keep = 1;',
        'myFeatureStore.write(row);',
        'MYFEATURESTORE.WRITE(row);',
        'const size = pageSize;',
      ]),
    ).toEqual(['local', 'none', 'local', 'sink', 'sink', 'none']);
  });

  it('finds a sink substring that only lower-casing makes, when a marker in another case is there too', async () => {
    // `*kiosk*.*` has no token: it is tried only when the text holds a marker or `kiosk` in any case, and then the
    // lower-cased text must hold `kiosk`, which the Kelvin sign (U+212A) lower-cases into.
    const kelvinKiosk = '\u212Aiosk.send(profile);';
    expect(await kindsOf([kelvinKiosk, `const OPTOUT = 1; ${kelvinKiosk}`, 'kiosk.send(profile);'], ['*kiosk*.*'])).toEqual(['none', 'sink', 'sink']);
  });

  it('takes a store write for a call of a write method by its own name, not for a name that holds its word', async () => {
    expect(
      await kindsOf([
        'const [score, setScore] = useState(0);\nsetState({ score });',
        'const score = 1;\nawait redis.set(`score:${id}`, score);',
        'await redis?.hSet(key, { score });',
        'const score = settings.set_size;',
        "const body = { push_source_name: 'churn_scores' };",
        'const audience = await Audience.bulkCreate(rows);',
      ]),
    ).toEqual(['none', 'local', 'local', 'none', 'local', 'local']);
  });

  it('reads the relative imports of every file, and parses the callers of a sink', async () => {
    const config = defaultConfig('/repo');
    const sources = [
      { file: 'src/track.ts', text: "import { analytics } from './analytics';\nexport const send = (user) => analytics.track('x', user);" },
      { file: 'src/analytics.ts', text: 'export const analytics = {};' },
      { file: 'src/checkout/index.ts', text: "import { send } from '../track.js';\nsend(user);" },
      { file: 'src/app.ts', text: "import './checkout';\nimport x from \"./other\";" },
      { file: 'src/other.ts', text: 'export default 1;' },
    ];
    const { toParse, verdicts } = await createPrefilter(loadCatalogs(config.vocabulary), config).selectFilesToParse(sources);
    expect(verdicts.get('src/app.ts')!.imports).toEqual(['./checkout', './other']);
    expect([...toParse].sort()).toEqual(['src/analytics.ts', 'src/app.ts', 'src/checkout/index.ts', 'src/track.ts']);
  });
});
