/**
 * Decisions per second on the labelled set: the full decide() (triage, rules, rendering) with a
 * fresh conversation and the default brand, as the responder runs it.
 * `npx tsx bench/triage.ts` prints the figures; a bench runner can call benchTriage().
 */
import { fileURLToPath } from 'node:url';
import { loadDefaultBrand } from '../devkit/offline-policy.js';
import { decideRow, loadLabelledSet } from '../devkit/policy-eval.js';
import { LABELLED_SET } from '../devkit/policy-sets.js';
import { triage } from '../shared/policy/index.js';

export interface TriageBenchResult {
  /** wall clock: what one responder process achieves on this machine right now */
  decisionsPerSec: number;
  /** per second of CPU time used: steadier when other work shares the machine */
  decisionsPerCpuSec: number;
  triagesPerSec: number;
  /** mean microseconds for one decision */
  microsPerDecision: number;
  /** mean microseconds per character of a labelled message: compare with the adversarial worst case */
  microsPerChar: number;
  messages: number;
}

export async function benchTriage(minDurationMs = 1000): Promise<TriageBenchResult> {
  const { brand } = loadDefaultBrand();
  const rows = loadLabelledSet(LABELLED_SET);
  // warm-up: compile the regular expressions and let the JIT settle
  for (let i = 0; i < 3; i++) for (const row of rows) decideRow(row, brand);

  let decisions = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < minDurationMs) {
    for (const row of rows) decideRow(row, brand);
    decisions += rows.length;
  }
  const decisionSeconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const decisionCpuSeconds = (cpu.user + cpu.system) / 1e6;

  let triages = 0;
  const triageStart = performance.now();
  while (performance.now() - triageStart < minDurationMs) {
    for (const row of rows) triage({ text: row.text, author: { id: 'a' }, channel: row.channel }, brand);
    triages += rows.length;
  }
  const triageSeconds = (performance.now() - triageStart) / 1000;

  const decisionsPerSec = decisions / decisionSeconds;
  const meanChars = rows.reduce((sum, row) => sum + row.text.length, 0) / rows.length;
  return {
    decisionsPerSec: Math.round(decisionsPerSec),
    decisionsPerCpuSec: Math.round(decisions / decisionCpuSeconds),
    triagesPerSec: Math.round(triages / triageSeconds),
    microsPerDecision: Number((1e6 / decisionsPerSec).toFixed(1)),
    microsPerChar: Number((1e6 / decisionsPerSec / meanChars).toFixed(3)),
    messages: rows.length,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await benchTriage();
  console.log(
    `triage bench on ${result.messages} labelled messages: ${result.decisionsPerSec} decisions/s ` +
      `(${result.microsPerDecision} µs each, ${result.microsPerChar} µs per character; ` +
      `${result.decisionsPerCpuSec} per CPU second), ${result.triagesPerSec} triages/s`,
  );
}
