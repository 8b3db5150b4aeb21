import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Brand } from '../shared/policy/brand.js';
import { cueLists } from '../shared/policy/cues.js';
import { brandNames, EMOJI_PATTERNS } from '../shared/policy/features.js';
import type { LintProblem } from '../shared/policy/lint.js';
import { literalCuePattern } from '../shared/policy/matcher.js';
import { BRAND_PATTERN_FLAGS, POSTAL_RULES } from '../shared/policy/personal-data.js';
import { checkPatterns, describeVerdict, type NamedPattern, type PatternVerdict } from './redos.js';
import { regexLiteralsInFile } from './regex-literals.js';

/**
 * Every regular expression the policy runs on customer text, named for a report: the literals
 * written in shared/policy, the ones it builds when it loads (from the lexicon and the brand file)
 * and the brand file's own personal-data patterns.
 */
export const POLICY_SOURCE_DIR = fileURLToPath(new URL('../shared/policy', import.meta.url));

const named = (name: string, re: RegExp): NamedPattern => ({ name, source: re.source, flags: re.flags });

/** The regular expression literals in shared/policy/*.ts, named `file:line`. */
export function builtInLiterals(): NamedPattern[] {
  return readdirSync(POLICY_SOURCE_DIR)
    .filter((file) => file.endsWith('.ts'))
    .sort()
    .flatMap((file) => regexLiteralsInFile(join(POLICY_SOURCE_DIR, file), file));
}

const SHARED_DIR = fileURLToPath(new URL('../shared', import.meta.url));

/** Where else customer text, ids and URLs are read: the platform adapters, the webhook, the queues, the reply path. */
const INPUT_SOURCE_DIRS = ['platforms', 'webhook', 'aws', 'handoff', 'responder', 'replies'];

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return typeScriptFiles(path);
      return entry.endsWith('.ts') ? [path] : [];
    });
}

/** The regular expression literals outside the policy that read what comes in, named `path:line`. */
export function inputPathLiterals(): NamedPattern[] {
  return INPUT_SOURCE_DIRS.flatMap((dir) => typeScriptFiles(join(SHARED_DIR, dir))).flatMap((path) =>
    regexLiteralsInFile(path, path.slice(SHARED_DIR.length + 1)),
  );
}

/** What the policy compiles at load time, for one brand: built-in lists and the brand's words and names. */
export function builtInCompiledPatterns(brand: Brand): NamedPattern[] {
  const cues = Object.entries(cueLists(brand)).flatMap(([list, entries]) => {
    const re = literalCuePattern(entries);
    return re ? [named(`matcher.ts literal cues of ${list}`, re)] : [];
  });
  return [
    ...POSTAL_RULES.map(([rule, re]) => named(`personal-data.ts POSTAL_RULES ${rule}`, re)),
    ...Object.entries(EMOJI_PATTERNS).map(([name, re]) => named(`features.ts ${name}`, re)),
    ...cues,
    named('features.ts brand names', brandNames(brand)),
  ];
}

/** The brand file's personal-data patterns, with the flags the policy compiles them with. */
export function brandFilePatterns(brand: Brand): NamedPattern[] {
  return brand.personalDataPatterns.map((p, i) => ({
    name: `personalDataPatterns[${i}]`,
    source: p.pattern,
    flags: BRAND_PATTERN_FLAGS,
  }));
}

/**
 * The ReDoS check of everything the policy runs on customer text with these brands: the built-in
 * patterns once, and per brand file its personal-data patterns, names and keyword cues. A pattern
 * the checker finds super-linear, or cannot decide, is an error that names it.
 */
export async function redosProblems(
  brands: ReadonlyArray<{ file: string; brand: Brand }>,
  { builtIn = true, cacheFile }: { builtIn?: boolean; cacheFile?: string } = {},
): Promise<LintProblem[]> {
  const sources: Array<{ file: string; path: string; patterns: NamedPattern[] }> = builtIn
    ? [{ file: POLICY_SOURCE_DIR, path: 'built-in', patterns: builtInLiterals() }]
    : [];
  for (const { file, brand } of brands) {
    sources.push(
      { file, path: 'personalDataPatterns', patterns: brandFilePatterns(brand) },
      { file, path: 'compiled with the brand', patterns: builtInCompiledPatterns(brand) },
    );
  }
  const checked = sources.flatMap(({ file, path, patterns }) => patterns.map((p) => ({ file, path, p })));
  const verdicts = await checkPatterns(
    checked.map((c) => c.p),
    cacheFile ? { cacheFile } : {},
  );
  return checked.flatMap(({ file, path }, i) => {
    const verdict = verdicts[i] as PatternVerdict;
    if (verdict.status === 'safe') return [];
    return [{ level: 'error' as const, file, path, message: `not linear: ${describeVerdict(verdict)}` }];
  });
}
