import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeValidatedBrands } from '../shared/policy/brand-files.js';

const written = new Map<string, string>();

/**
 * The file a deploy leaves beside the functions (BRANDS_FILE), for a brands folder: validated and
 * written to a temporary folder once per folder and process.
 */
export function validatedBrandsFile(dir = 'brands'): string {
  const key = resolve(dir);
  let file = written.get(key);
  if (!file) {
    file = join(mkdtempSync(join(tmpdir(), 'validated-brands-')), 'validated-brands.json');
    writeValidatedBrands(dir, file);
    written.set(key, file);
  }
  return file;
}
