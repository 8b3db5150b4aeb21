import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Imports that load a module when this one loads: `import … from`, `export … from`, bare `import '…'`; not `import type`. */
const RUNTIME_IMPORT = /^(?:import|export)\s+(?!type\s)([^;'"]*?)\s*(?:from\s+)?['"](\.[^'"]+)['"]/gm;
const TYPES_ONLY = /^\{\s*(?:type\s+\w+(?:\s+as\s+\w+)?\s*,?\s*)+\}$/;

/** Each module of `folder` with the modules of the folder it loads at import time. */
function importGraph(folder: string): Map<string, string[]> {
  const files = readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets: string[] = [];
    for (const [, names, specifier] of readFileSync(join(ROOT, file), 'utf8').matchAll(RUNTIME_IMPORT)) {
      if (TYPES_ONLY.test((names ?? '').trim())) continue;
      targets.push(
        relative(ROOT, resolve(ROOT, dirname(file), (specifier as string).replace(/\.js$/, '.ts'))),
      );
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Every cycle a depth-first walk meets, as `a -> b -> a`. */
function cycles(graph: Map<string, string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const found: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next].join(' -> '));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('deployed code loads in one direction', () => {
  it('has no import cycles in shared/ (a cycle makes load order, and so cold start, fragile)', () => {
    expect(cycles(importGraph('shared'))).toEqual([]);
  });

  it('finds a cycle, and ignores type-only imports', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['a.ts']],
      ['c.ts', []],
    ]);
    expect(cycles(graph)).toEqual(['a.ts -> b.ts -> a.ts']);
    const text =
      "import type { A } from './a.js';\nimport { type B } from './b.js';\nimport { c } from './c.js';";
    const loaded = [...text.matchAll(RUNTIME_IMPORT)]
      .filter(([, names]) => !TYPES_ONLY.test((names ?? '').trim()))
      .map(([, , specifier]) => specifier);
    expect(loaded).toEqual(['./c.js']);
  });
});
