/**
 * `npm run bench -- <name> [args…]`: runs one benchmark (or all, without a name). Each benchmark
 * measures tttb next to a named peer on the same data in the same run and prints both with the ratio.
 */
const benchmarks: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  generate: () => import('./generate.bench.ts'),
  import: () => import('./import.bench.ts'),
  reconcile: () => import('./reconcile.bench.ts'),
  selfcheck: () => import('./selfcheck.bench.ts'),
  web: () => import('./web.bench.ts'),
};

const [name, ...args] = process.argv.slice(2);
const selected = name ? [name] : Object.keys(benchmarks);
for (const key of selected) {
  const load = benchmarks[key];
  if (!load) {
    console.error(`Không có benchmark "${key}" (unknown benchmark). Có: ${Object.keys(benchmarks).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== bench ${key} ==`);
  await (await load()).run(args);
}
