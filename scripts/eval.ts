/**
 * npm run eval [-- [--mistakes] set.jsonl...]: runs the policy on labelled sets and prints precision
 * and recall per intent, complexity, personal-data kind, silence, language, escalation and tone,
 * whether the targets hold, and a summary line per set. Without paths it measures the labelled set
 * (the rules were built against it) and the held-out set (written blind, not a tuning set). The
 * exit code is 1 when a target fails on any set.
 */
import { loadDefaultBrand } from '../devkit/offline-policy.js';
import {
  DEFAULT_SETS,
  type EvalReport,
  evaluate,
  formatReport,
  formatSummary,
  loadLabelledSet,
} from '../devkit/policy-eval.js';

const args = process.argv.slice(2);
const verbose = args.includes('--mistakes');
const paths = args.filter((a) => !a.startsWith('--'));
const sets = paths.length > 0 ? paths.map((path) => ({ path, title: path })) : DEFAULT_SETS;
const { brand } = loadDefaultBrand();
const reports: Array<{ name: string; report: EvalReport }> = [];
for (const set of sets) {
  const report = evaluate(loadLabelledSet(set.path), brand);
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
