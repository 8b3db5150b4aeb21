import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const LIMIT = 400;
/** Data, not logic: the policy's word lists. */
const DATA_FILES = new Set(['shared/policy/lexicon.ts']);

describe('deployed code stays readable in one sitting', () => {
  it(`has no module in shared/ over ${LIMIT} lines except the lexicon's data`, () => {
    const tooLong = readdirSync(join(ROOT, 'shared'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => `shared/${file}`)
      .filter((file) => !DATA_FILES.has(file))
      .map((file) => ({ file, lines: readFileSync(join(ROOT, file), 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > LIMIT);
    expect(tooLong).toEqual([]);
  });
});
