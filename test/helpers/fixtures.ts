import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The exact bytes of a fixture (signatures are computed over bytes, never over re-serialised JSON). */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(`${FIXTURES}${name}.json`);
}

export function fixtureText(name: string): string {
  return fixtureBytes(name).toString('utf8');
}
