import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Which top-level folders each folder may not import from. Deployed code (shared/, functions/)
 * never reaches development tooling; test/, bench/ and scripts/ share tooling through devkit/
 * only, so none of them breaks when another changes.
 */
const FORBIDDEN: Record<string, readonly string[]> = {
  shared: ['devkit', 'test', 'bench', 'scripts'],
  functions: ['devkit', 'test', 'bench', 'scripts'],
  devkit: ['test', 'bench', 'scripts'],
  test: ['bench', 'scripts'],
  bench: ['test', 'scripts'],
  scripts: ['test', 'bench'],
};

/** Static imports and re-exports (`from '…'`) and dynamic imports of a literal path. */
const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|mts|mjs|js)$/.test(file) && !file.includes('node_modules'))
    .map((file) => join(folder, file));
}

/** The top-level folder a relative import in `file` lands in; undefined for packages. */
function importedFolder(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return relative(ROOT, resolve(ROOT, dirname(file), specifier)).split(/[\\/]/)[0];
}

function importViolations(folders: Record<string, readonly string[]> = FORBIDDEN): string[] {
  const violations: string[] = [];
  for (const [folder, forbidden] of Object.entries(folders)) {
    for (const file of sourceFiles(folder)) {
      for (const [, specifier] of readFileSync(join(ROOT, file), 'utf8').matchAll(SPECIFIER)) {
        const target = importedFolder(file, specifier as string);
        if (target && forbidden.includes(target)) violations.push(`${file} imports ${specifier}`);
      }
    }
  }
  return violations;
}

describe('the import rule', () => {
  it('keeps deployed code apart from tooling, and test/, bench/, scripts/ apart from each other', () => {
    expect(importViolations()).toEqual([]);
  });

  it('sees static, re-exported and dynamic imports', () => {
    const text = [
      "import { a } from '../bench/a.js';",
      "export { b } from '../scripts/b.js';",
      "const c = await import('../bench/c.js');",
      "import '../scripts/d.js';",
    ].join('\n');
    const found = [...text.matchAll(SPECIFIER)].map((match) =>
      importedFolder('test/x.test.ts', match[1] as string),
    );
    expect(found).toEqual(['bench', 'scripts', 'bench', 'scripts']);
  });
});
