/**
 * npm run train:private-case [-- --write]: trains the learned reading of a private case on the
 * tuning sets (TRAINING_SETS in devkit/policy-sets.ts) and prints, set by set, how the rules alone
 * and the model trained on the other sets read that set (complex precision / recall). With
 * --write it trains on all of them and writes shared/policy/private-case-weights.ts.
 */
import { fileURLToPath } from 'node:url';
import { labelledSetBrands } from '../devkit/policy-eval.js';
import { TRAINING_SETS } from '../devkit/policy-sets.js';
import {
  leaveOneSetOut,
  loadExamples,
  quantise,
  train,
  writeModelModule,
} from '../devkit/private-case-training.js';

const MODEL_MODULE = fileURLToPath(new URL('../shared/policy/private-case-weights.ts', import.meta.url));
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

const { brand, others } = labelledSetBrands();
const examples = loadExamples(TRAINING_SETS, brand, others);

console.log('each set read by a model trained on the other sets: complex precision / recall');
console.log('| set | rows | rules alone | learned reading |');
console.log('|---|---:|---|---|');
for (const check of leaveOneSetOut(examples)) {
  console.log(
    `| ${check.set} | ${check.rows} | ${percent(check.rules.precision)} / ${percent(check.rules.recall)} | ${percent(check.model.precision)} / ${percent(check.model.recall)} |`,
  );
}

if (process.argv.includes('--write')) {
  const sets = [...new Set(examples.map((e) => e.set))];
  writeModelModule(MODEL_MODULE, quantise(train(examples)), sets, examples.length);
  console.log(`\nwrote ${MODEL_MODULE}: trained on ${examples.length} rows of ${sets.length} sets`);
}
