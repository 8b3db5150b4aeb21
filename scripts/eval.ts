/**
 * npm run eval [-- [--mistakes] set.jsonl...]: runs the policy on labelled sets and prints precision
 * and recall per intent, complexity, personal-data kind, silence, language, escalation and tone,
 * whether the targets hold (complex recall and precision, no complaint silent, off-topic answered,
 * hand-offs without a reply, personal-data recall, language), and a summary line per set. Without
 * paths it measures every set in DEFAULT_SETS (devkit/policy-sets.ts). The exit code
 * is 1 when a target fails on any set.
 */
import {
  type EvalReport,
  evaluate,
  formatReport,
  formatSummary,
  labelledSetBrands,
  loadLabelledSet,
} from '../devkit/policy-eval.js';
import { DEFAULT_SETS } from '../devkit/policy-sets.js';

const args = process.argv.slice(2);
const verbose = args.includes('--mistakes');
const paths = args.filter((a) => !a.startsWith('--'));
const sets = paths.length > 0 ? paths.map((path) => ({ path, title: path })) : DEFAULT_SETS;
const { brand, others } = labelledSetBrands();
const reports: Array<{ name: string; report: EvalReport }> = [];
for (const set of sets) {
  const report = evaluate(loadLabelledSet(set.path), brand, others);
  reports.push({ name: set.path.split('/').pop() ?? set.path, report });
  console.log(`\n=== ${set.title}\n`);
  console.log(formatReport(report));
  if (verbose) {
    console.log('\nmistakes');
    for (const m of report.mistakes) {
      console.log(
        `  ${m.id} ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.got)} | ${m.text}`,
      );
    }
  }
}
if (reports.length > 1) console.log(formatSummary(reports));
process.exitCode = reports.every(({ report }) => report.targets.every((t) => t.ok)) ? 0 : 1;
