import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { check, type Diagnostics } from 'recheck';

/**
 * The ReDoS check (recheck) of regular expressions that read customer text. Tooling only: recheck
 * takes from milliseconds to seconds per pattern and must never be bundled into a Lambda
 * (test/bench/webhook-bundle.test.ts checks the responder's bundle).
 */
export interface NamedPattern {
  /** where the pattern comes from, for the message: `triage.ts:149`, `personalDataPatterns[2]` */
  name: string;
  source: string;
  flags: string;
}

export interface PatternVerdict extends NamedPattern {
  /** `safe`: linear (or constant) time on every input; `vulnerable`: super-linear; `unknown`: not decided */
  status: Diagnostics['status'];
  /** recheck's words: "linear", "2nd degree polynomial", "exponential", or why it could not decide */
  summary: string;
  /** an input that shows the super-linear time, as recheck writes it: `'a' + ' '.repeat(31) + '!'` */
  attack?: string;
}

/**
 * The fuzzing checker stops its phases on time limits by default, so a busy machine would find
 * less; without them it stops on step counts only and, with its fixed seed, gives the same verdict
 * on every machine. The overall timeout only guards against a pattern it cannot finish.
 */
const DETERMINISTIC: Parameters<typeof check>[2] = {
  timeout: 120_000,
  attackTimeout: null,
  incubationTimeout: null,
  seedingTimeout: null,
};

function verdictOf(pattern: NamedPattern, diagnostics: Diagnostics): PatternVerdict {
  switch (diagnostics.status) {
    case 'safe':
      return { ...pattern, status: 'safe', summary: diagnostics.complexity.summary };
    case 'vulnerable':
      return {
        ...pattern,
        status: 'vulnerable',
        summary: diagnostics.complexity.summary,
        attack: diagnostics.attack.pattern,
      };
    case 'unknown': {
      const { error } = diagnostics;
      return { ...pattern, status: 'unknown', summary: 'message' in error ? error.message : error.kind };
    }
  }
}

const RECHECK_VERSION: string = createRequire(import.meta.url)('recheck/package.json').version;

type Verdict = Pick<PatternVerdict, 'status' | 'summary' | 'attack'>;

function readCache(file: string | undefined): Record<string, Verdict> {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, Verdict>;
  } catch {
    return {};
  }
}

/**
 * Checks patterns one after the other (recheck's agent works on one at a time). With `cacheFile`,
 * decided verdicts are kept there per recheck version, settings, flags and source, so a lint run
 * only checks what changed; the tests check afresh.
 */
export async function checkPatterns(
  patterns: readonly NamedPattern[],
  { cacheFile }: { cacheFile?: string } = {},
): Promise<PatternVerdict[]> {
  const cache = readCache(cacheFile);
  const verdicts: PatternVerdict[] = [];
  for (const pattern of patterns) {
    const key = JSON.stringify([RECHECK_VERSION, DETERMINISTIC, pattern.flags, pattern.source]);
    const known = cache[key];
    const verdict = known
      ? { ...pattern, ...known }
      : verdictOf(pattern, await check(pattern.source, pattern.flags, DETERMINISTIC));
    if (verdict.status !== 'unknown')
      cache[key] = { status: verdict.status, summary: verdict.summary, attack: verdict.attack };
    verdicts.push(verdict);
  }
  if (cacheFile) {
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(cacheFile, JSON.stringify(cache));
  }
  return verdicts;
}

/** One line for a report: the pattern named, its complexity and an input that shows it. */
export function describeVerdict(v: PatternVerdict): string {
  const shown = v.source.length > 80 ? `${v.source.slice(0, 77)}...` : v.source;
  const attack = v.attack
    ? `; slow on ${v.attack.length > 100 ? `${v.attack.slice(0, 97)}...` : v.attack}`
    : '';
  return `${v.name} /${shown}/${v.flags}: ${v.status === 'unknown' ? `not decided (${v.summary})` : v.summary}${attack}`;
}
