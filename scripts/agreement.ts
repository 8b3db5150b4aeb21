/**
 * npm run eval:agreement -- first.jsonl second.jsonl: how far two readers' labels of the same rows
 * agree, scored as the eval scores the policy (the first reader's labels as the truth, the second's
 * as the prediction). What a careful second reader reaches is the ceiling a policy can be held to.
 */
import { complaintOf, type LabelledRow, loadLabelledSet, type Score, score } from '../devkit/policy-eval.js';

const [firstPath = '', secondPath = ''] = process.argv.slice(2);
if (!firstPath || !secondPath) {
  console.error('usage: npm run eval:agreement -- first.jsonl second.jsonl');
  process.exit(2);
}

const first = new Map(loadLabelledSet(firstPath).map((row) => [row.id, row]));
const pairs = loadLabelledSet(secondPath).map((second) => {
  const truth = first.get(second.id);
  if (!truth) throw new Error(`${second.id} is not in ${firstPath}`);
  return { truth, second };
});

type Pair = (typeof pairs)[number];
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const scored = (label: string, of: (row: LabelledRow) => boolean, kept: Pair[] = pairs): Score =>
  score(
    label,
    kept.map(({ truth, second }) => [of(truth), of(second)]),
  );

const brands = [...new Set(pairs.map(({ truth }) => truth.brand ?? ''))].sort();
const scores: Score[] = [
  scored('complex', (r) => r.complex),
  ...brands.map((brand) =>
    scored(
      `complex (${brand || 'default brand'})`,
      (r) => r.complex,
      pairs.filter(({ truth }) => (truth.brand ?? '') === brand),
    ),
  ),
  scored('silent', (r) => r.silent),
  scored('offTopic', (r) => r.offTopic),
  scored('L3', (r) => r.escalation === 'L3'),
  scored('negative', (r) => r.negative),
];

console.log(`${pairs.length} rows; the first reader's labels as the truth\n`);
console.log('| label | truth | second | precision | recall |\n|---|---|---|---|---|');
for (const s of scores) {
  console.log(`| ${s.label} | ${s.support} | ${s.predicted} | ${pct(s.precision)} | ${pct(s.recall)} |`);
}

const agreeing = (same: (p: Pair) => boolean) => pairs.filter(same).length / pairs.length;
const complexAgreement = agreeing(({ truth, second }) => truth.complex === second.complex);
const complexShare = (reader: 'truth' | 'second') => agreeing((p) => p[reader].complex);
const byChance =
  complexShare('truth') * complexShare('second') + (1 - complexShare('truth')) * (1 - complexShare('second'));
const offTopic = pairs.filter(({ truth }) => truth.offTopic);
const complaints = pairs.filter(({ truth }) => complaintOf(truth));
const silentComplaints = complaints.filter(({ second }) => second.silent).map(({ truth }) => truth.id);

console.log(`
complex: the two agree on ${pct(complexAgreement)} of rows, Cohen's kappa ${((complexAgreement - byChance) / (1 - byChance)).toFixed(3)}
intent: the same on ${pct(agreeing(({ truth, second }) => truth.intent === second.intent))} of rows
off-topic rows (first reader) the second would answer: ${offTopic.filter(({ second }) => !second.silent).length} of ${offTopic.length}
complaints (first reader) the second leaves silent: ${silentComplaints.length}${silentComplaints.length ? ` (${silentComplaints.join(' ')})` : ''}`);
