// Benchmarks the placement engine on generated scenarios against its targets:
//   optimise within 0.5% of its proven bound in ≤ 10 s at scale 1 (tightness 0.8, 1.0, 1.2);
//   greedy at scale 100 (≈30,000 packages, ≈8,200 providers) under 2 s and 1 GiB;
//   rank of one package against ≈8,200 providers under 20 ms at p99.
// Each measurement runs in its own child process so that its peak memory is its own.
//   npm run bench:placement [-- --seed <n>]
import { spawnSync } from 'node:child_process';
import { generate, greedy, optimise, rankPackage } from '@/lib/placement';

const MIB = 1024 * 1024;
const peakMiB = () => Math.round((process.resourceUsage().maxRSS * 1024) / MIB);
const rssMiB = () => Math.round(process.memoryUsage().rss / MIB);
const since = (t0: number) => (performance.now() - t0) / 1000;

type TRow = Record<string, number | string>;

async function scaleOne(seed: number, tightness: number): Promise<TRow> {
  const s = generate({ seed, scale: 1, tightness });
  let t0 = performance.now();
  const g = greedy(s);
  const greedySeconds = since(t0);
  t0 = performance.now();
  const o = await optimise(s, { timeLimitSeconds: 10 });
  const solver = o.solver!;
  return {
    tightness,
    greedyScore: g.summary.score,
    greedySeconds: +greedySeconds.toFixed(3),
    optimiseScore: o.summary.score,
    bound: solver.bound,
    gapPercent: +((100 * (solver.bound - o.summary.score)) / Math.max(solver.bound, 1e-9)).toFixed(3),
    status: solver.status,
    optimiseSeconds: +since(t0).toFixed(3),
    placedGreedy: g.summary.placed,
    placedOptimise: o.summary.placed,
    peakMiB: peakMiB(),
  };
}

function greedyAtScale(seed: number): TRow {
  const s = generate({ seed, scale: 100, tightness: 1 });
  const before = rssMiB();
  const t0 = performance.now();
  const r = greedy(s);
  return {
    packages: s.packages.length,
    providers: s.providers.length,
    placed: r.summary.placed,
    seconds: +since(t0).toFixed(3),
    rssBeforeMiB: before,
    peakMiB: peakMiB(),
  };
}

function rankAtScale(seed: number): TRow {
  const s = generate({ seed, scale: 100, tightness: 1 });
  let t0 = performance.now();
  rankPackage(s, s.packages[0].id);
  const firstMs = since(t0) * 1000;
  const times: number[] = [];
  for (let k = 1; k <= 500; k++) {
    const id = s.packages[(k * 7919) % s.packages.length].id;
    t0 = performance.now();
    rankPackage(s, id);
    times.push(since(t0) * 1000);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => +times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
  return { providers: s.providers.length, firstCallMs: +firstMs.toFixed(1), p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1), peakMiB: peakMiB() };
}

function child(args: string[]): TRow {
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, ...args], { encoding: 'utf8', maxBuffer: 16 * MIB });
  if (r.status !== 0) throw new Error(`bench case ${args.join(' ')} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as TRow;
}

function table(title: string, rows: TRow[]): void {
  console.log(`\n${title}`);
  const keys = Object.keys(rows[0]);
  const width = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(width[i])).join('  ');
  console.log(line(keys));
  for (const r of rows) console.log(line(keys.map((k) => String(r[k]))));
}

async function main(argv: string[]): Promise<void> {
  const seedAt = argv.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(argv[seedAt + 1]) : 1;
  const caseAt = argv.indexOf('--case');
  if (caseAt >= 0) {
    const [name, value] = argv.slice(caseAt + 1);
    const row = name === 'scale1' ? await scaleOne(seed, Number(value)) : name === 'greedy100' ? greedyAtScale(seed) : rankAtScale(seed);
    console.log(JSON.stringify(row));
    return;
  }
  console.log(`placement bench, seed ${seed}, node ${process.version}`);
  table(
    'scale 1: greedy vs optimise (time limit 10 s); target gap ≤ 0.5% in ≤ 10 s',
    ['0.8', '1', '1.2'].map((t) => child(['--seed', String(seed), '--case', 'scale1', t])),
  );
  table('scale 100: greedy; target < 2 s and < 1 GiB (peak includes generating the scenario)', [child(['--seed', String(seed), '--case', 'greedy100'])]);
  table('scale 100: rank one package against every provider, 500 calls; target p99 < 20 ms', [child(['--seed', String(seed), '--case', 'rank100'])]);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
