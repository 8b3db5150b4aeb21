import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');

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

/**
 * Output bytes per input file of `source` (an entry point written as code, resolved from the
 * repository root) built as deployed, in memory. With `splitting`, only what a cold start loads:
 * the entry chunk and the chunks it imports statically, not those it imports on demand.
 */
export async function bytesByInput(
  source: string,
  { splitting = false }: { splitting?: boolean } = {},
): Promise<Record<string, number>> {
  const result = await build({
    ...DEPLOYED_BUILD,
    stdin: { contents: source, resolveDir: ROOT, sourcefile: 'entry.ts', loader: 'ts' },
    write: false,
    ...(splitting ? { splitting, outdir: join(tmpdir(), 'bytes-by-input') } : { outfile: 'bundle.mjs' }),
  });
  const outputs = (result.metafile as Metafile).outputs;
  const entryKey = Object.keys(outputs).find((key) => outputs[key]?.entryPoint === 'entry.ts');
  if (!entryKey) throw new Error('no entry chunk');
  const loaded = chunksLoadedAtStart(outputs, entryKey);
  const bytes: Record<string, number> = {};
  for (const key of loaded)
    for (const [input, { bytesInOutput }] of Object.entries(outputs[key]?.inputs ?? {}))
      bytes[input] = (bytes[input] ?? 0) + bytesInOutput;
  return bytes;
}

/** The entry chunk and the chunks it imports statically: what a cold start loads (not what it imports on demand). */
export function chunksLoadedAtStart(outputs: Metafile['outputs'], entryKey: string): Set<string> {
  const loaded = new Set<string>();
  const visit = (key: string) => {
    if (loaded.has(key)) return;
    loaded.add(key);
    for (const imported of outputs[key]?.imports ?? [])
      if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entryKey);
  return loaded;
}
