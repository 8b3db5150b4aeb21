import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_BRANDS_DIR } from '../../devkit/offline-policy.js';
import {
  brandFilePatterns,
  builtInCompiledPatterns,
  builtInLiterals,
  inputPathLiterals,
  POLICY_SOURCE_DIR,
} from '../../devkit/policy-patterns.js';
import { checkPatterns, describeVerdict } from '../../devkit/redos.js';
import { loadBrands } from '../../shared/policy/brand-files.js';
import { BrandSchema } from '../../shared/policy/brand-schema.js';
import { BrandConfigError } from '../../shared/policy/brands.js';
import { lintBrandFolder } from '../../shared/policy/lint.js';
import { parcelExpress } from './helpers.js';

const run = promisify(execFile);

async function notLinear(patterns: Parameters<typeof checkPatterns>[0]): Promise<string[]> {
  return (await checkPatterns(patterns)).filter((v) => v.status !== 'safe').map(describeVerdict);
}

/** The shipped brand file with one more personal-data pattern, in a folder of its own. */
function brandFolderWithPattern(pattern: string): string {
  const json = JSON.parse(readFileSync(join(REPOSITORY_BRANDS_DIR, 'parcelexpress.json'), 'utf8'));
  json.personalDataPatterns.push({ kind: 'order_number', pattern, description: 'announced order number' });
  const dir = mkdtempSync(join(tmpdir(), 'brands-redos-'));
  writeFileSync(join(dir, 'parcelexpress.json'), JSON.stringify(json));
  return dir;
}

describe('regular expressions that read customer text are linear (recheck)', () => {
  it('every regular expression literal in shared/policy', async () => {
    const literals = builtInLiterals();
    expect(literals.length).toBeGreaterThan(50);
    expect(await notLinear(literals)).toEqual([]);
  }, 240_000);

  it('every regular expression literal in the platform adapters, the webhook, the queues and the reply path', async () => {
    const literals = inputPathLiterals();
    expect(literals.map((l) => l.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^platforms\/x\/text-length\.ts:/)]),
    );
    expect(await notLinear(literals)).toEqual([]);
  }, 240_000);

  it('every pattern the policy builds at load time: postal rules, emoji, literal cues, brand names', async () => {
    const compiled = builtInCompiledPatterns(parcelExpress);
    expect(compiled.map((p) => p.name)).toEqual(
      expect.arrayContaining(['personal-data.ts POSTAL_RULES street_de', 'features.ts brand names']),
    );
    expect(await notLinear(compiled)).toEqual([]);
  }, 240_000);

  it("the shipped brand file's personal-data patterns", async () => {
    const patterns = brandFilePatterns(parcelExpress);
    expect(patterns.length).toBe(parcelExpress.personalDataPatterns.length);
    expect(await notLinear(patterns)).toEqual([]);
  }, 120_000);

  it('new RegExp is called only where the tests above see what it builds', () => {
    const calls = Object.fromEntries(
      readdirSync(POLICY_SOURCE_DIR)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => [f, readFileSync(join(POLICY_SOURCE_DIR, f), 'utf8').split('new RegExp(').length - 1])
        .filter(([, n]) => (n as number) > 0),
    );
    // brand-schema.ts: the schema's validity check and bound check; matcher.ts: literal cues;
    // personal-data.ts: postal rules and brand patterns; features.ts: emoji and brand names
    expect(calls).toEqual({ 'brand-schema.ts': 1, 'features.ts': 4, 'matcher.ts': 1, 'personal-data.ts': 3 });
  });
});

describe('a brand pattern that can backtrack is refused, with the pattern named', () => {
  const adjacent = String.raw`order\s*\s*number\s*[:#]?\s*\d{5,12}`;

  it('by the schema: at start-up (loadBrands) and in lint', () => {
    const dir = brandFolderWithPattern(adjacent);
    expect(() => loadBrands(dir)).toThrow(BrandConfigError);
    expect(() => loadBrands(dir)).toThrow(adjacent);
    const { problems } = lintBrandFolder(dir);
    const refused = problems.find((p) => p.path === 'personalDataPatterns.8.pattern');
    expect(refused?.level).toBe('error');
    expect(refused?.message).toContain(adjacent);
    expect(refused?.message).toContain('\\s*');
  });

  it('by the schema: a repeated group that holds a repeat', () => {
    const nested = String.raw`order(?:\s{0,20}){0,20}number`;
    const input = structuredClone(parcelExpress);
    input.personalDataPatterns.push({ kind: 'order_number', pattern: nested });
    const parsed = BrandSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(nested);
    expect(parsed.error?.issues[0]?.message).toContain('repeats a group that holds a repeat');
  });

  it('bounded repetition passes the schema', () => {
    const bounded = String.raw`order\s{0,3}number\s{0,3}[:#]?\s{0,3}\d{5,12}`;
    const input = structuredClone(parcelExpress);
    input.personalDataPatterns.push({ kind: 'order_number', pattern: bounded });
    expect(BrandSchema.safeParse(input).success).toBe(true);
  });

  it('by npm run policy -- lint: exit 1, the checker names a bounded pattern that still backtracks', async () => {
    // bounded and unnested, so the schema takes it, but two overlapping runs of blanks side by side
    // can split a run of blanks in many ways: the checker refuses it
    const multiplied = String.raw`order(?:\s|\t){0,60}\s{0,60}#\d{5}`;
    const dir = brandFolderWithPattern(multiplied);
    const failed = await run('node_modules/.bin/tsx', [
      'scripts/policy.ts',
      'lint',
      dir,
      '--brands-only',
    ]).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain(`personalDataPatterns[8] /${multiplied}/`);
    expect(failed?.stdout).toMatch(/polynomial|exponential/);
  }, 300_000);
});
