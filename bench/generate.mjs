// Writes a synthetic repository for `npm run bench`: mostly ordinary application code (what a real
// monorepo is made of), with a seeded share of profiling pipelines, consent-guarded sinks, stores and
// specs, so the benchmark exercises both the prefilter's fast path and the full analysis.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Mulberry32: a tiny deterministic generator, so the same seed gives the same repository. */
function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nouns = ['order', 'invoice', 'product', 'cart', 'shipment', 'warehouse', 'ticket', 'session', 'report', 'page'];
const verbs = ['load', 'save', 'render', 'format', 'validate', 'compute', 'merge', 'sync', 'parse', 'list'];

function pick(random, items) {
  return items[Math.floor(random() * items.length)];
}

function ordinaryModule(random, index) {
  const noun = pick(random, nouns);
  const lines = [`import { ${noun}Repository } from '../data/${noun}-repository';`, ''];
  const functionCount = 8 + Math.floor(random() * 20);
  for (let f = 0; f < functionCount; f += 1) {
    const verb = pick(random, verbs);
    lines.push(
      `export async function ${verb}${noun[0].toUpperCase()}${noun.slice(1)}${index}_${f}(id: string, options: { retries?: number; pageSize?: number } = {}) {`,
      `  const items = await ${noun}Repository.find({ where: { id }, take: options.pageSize ?? 50 });`,
      `  const usageMinutes = items.reduce((total, item) => total + (item.durationMs ?? 0) / 60000, 0);`,
      `  if (items.length === 0) throw new Error(\`${noun} \${id} not found\`);`,
      `  return items.map((item) => ({ ...item, usageMinutes, retries: options.retries ?? 0 }));`,
      `}`,
      '',
    );
  }
  return lines.join('\n');
}

function profilingModule(random, index) {
  const guarded = random() < 0.5;
  return `import * as tf from '@tensorflow/tfjs-node';
import { analytics } from '../analytics';

interface Customer { id: string; age: number; postcode: string; tenureMonths: number; consents: string[] }

/** @profiling churn-${index % 10} */
export async function scoreCustomers${index}(model: tf.LayersModel, customers: Customer[]) {
  const rows = customers
    ${guarded ? ".filter((customer) => customer.consents.includes('profiling'))" : ''}
    .map((customer) => [customer.age, customer.tenureMonths, customer.postcode.length]);
  const scores = model.predict(tf.tensor2d(rows)) as tf.Tensor;
  analytics.identify(customers[0]?.id, { churnScore: (await scores.data())[0] });
  return scores;
}
`;
}

function spec(index) {
  return `profilint: 1
pipeline: churn-${index % 10}
owner: growth-analytics@example.com
purpose: Offer retention discounts to customers likely to cancel.
lawfulBasis: legitimate-interests
retention: P180D
features:
  - name: tenure_months
  - name: age_band
`;
}

/** Writes `fileCount` files under `directory` from `seed`; returns the number written. */
export function generateRepository(directory, fileCount, seed = 1) {
  const random = createRandom(seed);
  for (let index = 0; index < fileCount; index += 1) {
    const roll = random();
    const folder = path.join(directory, 'packages', `package-${index % 40}`, 'src');
    mkdirSync(folder, { recursive: true });
    if (roll < 0.02) writeFileSync(path.join(folder, `churn-${index}.ts`), profilingModule(random, index));
    else if (roll < 0.025) writeFileSync(path.join(folder, `churn-${index}.profiling.yaml`), spec(index));
    else if (roll < 0.04) writeFileSync(path.join(folder, `config-${index}.yaml`), `name: service-${index}\nimage: app:${index}\nreplicas: 2\n`);
    else writeFileSync(path.join(folder, `module-${index}.ts`), ordinaryModule(random, index));
  }
  return fileCount;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [directory, count = '10000', seed = '1'] = process.argv.slice(2);
  if (!directory) {
    console.error('usage: node bench/generate.mjs <directory> [fileCount=10000] [seed=1]');
    process.exit(2);
  }
  generateRepository(path.resolve(directory), Number(count), Number(seed));
}
