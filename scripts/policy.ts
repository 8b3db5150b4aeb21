/**
 * npm run policy -- lint [dir] [--brands-only]
 *     validate every brand file, render every template in every language on every platform, and
 *     run the ReDoS checker on every pattern the policy runs on customer text (built-in and the
 *     brand files'; --brands-only skips the built-in ones, which the unit tests check too); exit 1
 *     on errors
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { REPOSITORY_BRANDS_DIR } from '../devkit/offline-policy.js';
import { redosProblems } from '../devkit/policy-patterns.js';
import { lintBrandFolder } from '../shared/policy/lint.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { 'brands-only': { type: 'boolean', default: false } },
});
const [command, ...args] = positionals;
/** the ReDoS checker's verdicts from earlier runs: a lint run checks only patterns that changed */
const VERDICT_CACHE = fileURLToPath(
  new URL('../node_modules/.cache/policy-lint/redos.json', import.meta.url),
);

async function lint(dir: string): Promise<number> {
  const { brands, problems, valid } = lintBrandFolder(dir);
  problems.push(
    ...(await redosProblems(valid, { builtIn: !values['brands-only'], cacheFile: VERDICT_CACHE })),
  );
  for (const p of problems) {
    console.log(
      `${p.level === 'error' ? 'error  ' : 'warning'} ${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}`,
    );
  }
  const errors = problems.filter((p) => p.level === 'error').length;
  const warnings = problems.length - errors;
  console.log(`${brands.length} brand file(s) in ${dir}: ${errors} error(s), ${warnings} warning(s)`);
  return errors > 0 ? 1 : 0;
}

switch (command) {
  case 'lint':
    process.exitCode = await lint(args[0] ?? REPOSITORY_BRANDS_DIR);
    break;
  default:
    console.error('usage: npm run policy -- lint [brands-dir] [--brands-only]');
    process.exitCode = 2;
}
