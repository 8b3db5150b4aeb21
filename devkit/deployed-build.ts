import type { BuildOptions } from 'esbuild';

/**
 * What `sst.aws.Function` does with `nodejs: { format: 'esm', minify: true }` (infra/functions.ts)
 * on `nodejs22.x`: one esbuild bundle, no splitting, a `require` shim for CommonJS dependencies,
 * and the AWS SDK inside the bundle (the infra keeps it there on purpose).
 */
export const DEPLOYED_BUILD: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  mainFields: ['module', 'main'],
  external: ['sharp', 'pg-native'],
  banner: {
    js: "import { createRequire as topLevelCreateRequire } from 'module'; const require = topLevelCreateRequire(import.meta.url);",
  },
  metafile: true,
  logLevel: 'silent',
};
