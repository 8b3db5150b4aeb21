/**
 * npm run policy -- lint [dir]        validate every brand file and render every template in every
 *                                     language on every platform; exit 1 on errors
 */
import { lintBrandFolder } from '../shared/policy/lint.js';
import { REPOSITORY_BRANDS_DIR } from '../shared/policy/offline.js';

const [command, ...args] = process.argv.slice(2);

function lint(dir: string): number {
  const { brands, problems } = lintBrandFolder(dir);
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
    process.exitCode = lint(args[0] ?? REPOSITORY_BRANDS_DIR);
    break;
  default:
    console.error('usage: npm run policy -- lint [brands-dir]');
    process.exitCode = 2;
}
