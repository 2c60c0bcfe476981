// Times a what-if run (lib/whatif/run-what-if.ts) as the worker runs it: the changes applied to a
// copy of the market, then the optimiser on a worker thread for today's market and for the
// scenario, and the figures of both. Target: a Bradford-sized scenario in under 30 s.
//   npm run bench:whatif
// A Bradford-sized market here is one generated district (35 localities, 82 providers) holding
// 3,000 packages, about Bradford's care in place and waiting: ten generated package sets on the
// first one's market (generated at tightness 0.6), its declared capacity times ten; greedy places the first 2,700 as the care
// in place (spare capacity is what they leave), and the rest wait. The 10× market is ten districts.
// Reading the live market from the database is not included.
import { generate, greedy, type TScenario } from '@/lib/placement';
import { demandByBand, packageHours } from '@/lib/placement/demand';
import { optimiseInWorker } from '@/lib/placement/optimise-in-worker';
import type { TInCare, TMarket } from '@/lib/whatif/apply-changes';
import type { TChange } from '@/lib/whatif/changes';
import { runWhatIf } from '@/lib/whatif/run-what-if';

const TIME_LIMIT_SECONDS = 10;

function benchMarket(scale: number): TMarket {
  const first = generate({ seed: 1, scale, tightness: 0.6 });
  const packages = Array.from({ length: 10 }, (_, k) => generate({ seed: k + 1, scale }).packages.map((p) => ({ ...p, id: `S${k + 1}-${p.id}` }))).flat();
  const providers = first.providers.map((p) => ({ ...p, capacity: p.capacity.map((c) => ({ ...c, carerHours: c.carerHours * 10 })) }));
  const inCareCount = Math.round(packages.length * 0.9);
  const everything: TScenario = { ...first, providers, packages: packages.slice(0, inCareCount) };
  const placed = greedy(everything);
  const contracts = new Map(first.contracts.map((c) => [c.id, c]));
  const byId = new Map(packages.map((p) => [p.id, p]));
  const inCare: TInCare[] = placed.placements.map((p) => {
    const c = contracts.get(p.contractId)!;
    return {
      pkg: byId.get(p.packageId)!,
      providerId: p.providerId,
      contractId: p.contractId,
      contractType: c.type,
      contractLocalityIds: c.localityIds,
      hourlyRate: c.hourlyRate,
    };
  });
  // Spare capacity: what the care in place leaves.
  const spare = providers.map((p) => ({ ...p, capacity: p.capacity.map((c) => ({ ...c })) }));
  const slot = new Map<string, { carerHours: number }>(spare.flatMap((p) => p.capacity.map((c) => [`${p.id}|${c.localityId}|${c.band}`, c] as const)));
  for (const c of inCare) {
    const d = demandByBand(c.pkg);
    for (const [band, hours] of Object.entries(d)) {
      const s = slot.get(`${c.providerId}|${c.pkg.localityId}|${band}`);
      if (s && hours > 0) s.carerHours = Math.max(0, Math.round((s.carerHours - hours) * 100) / 100);
    }
  }
  const placedIds = new Set(inCare.map((c) => c.pkg.id));
  const waiting = packages.filter((p) => !placedIds.has(p.id));
  return { scenario: { ...first, providers: spare, packages: waiting }, inCare, targets: [] };
}

function changesFor(m: TMarket): TChange[] {
  const hours = new Map<string, number>();
  for (const c of m.inCare) hours.set(c.providerId, (hours.get(c.providerId) ?? 0) + packageHours(c.pkg));
  const biggest = [...hours.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
  return [
    { kind: 'DEMAND_GROWTH', pathway: 'LONG_TERM', localityIds: [], percent: 28 },
    { kind: 'PROVIDER_FAILS', providerId: biggest },
    { kind: 'CAPACITY', localityIds: [], bands: ['EVENING'], providerId: null, percent: -10 },
    { kind: 'RATE_UPLIFT', contractType: 'LOCALITY', percent: 7.2 },
  ];
}

async function bench(label: string, scale: number) {
  const market = benchMarket(scale);
  const changes = changesFor(market);
  const t0 = performance.now();
  const run = await runWhatIf(market, changes, { optimise: (s) => optimiseInWorker(s, { timeLimitSeconds: TIME_LIMIT_SECONDS }) });
  const seconds = (performance.now() - t0) / 1000;
  if (!run.ok) throw new Error(JSON.stringify(run.fieldErrors));
  const { base, variant } = run.result;
  console.log(
    `${label}: ${market.inCare.length.toLocaleString('en-GB')} in care, ${market.scenario.packages.length.toLocaleString('en-GB')} waiting today, ` +
      `${run.runs.variant.summary.packages.toLocaleString('en-GB')} to place in the scenario; ` +
      `${seconds.toFixed(1)} s (today ${base.solver?.status} ${base.solver?.seconds} s, scenario ${variant.solver?.status} ${variant.solver?.seconds} s)` +
      `${scale === 1 ? (seconds < 30 ? ' — under the 30 s target' : ' — OVER the 30 s target') : ''}`,
  );
  console.log(
    `  unplaced today ${base.totals.unplaced}, in the scenario ${variant.totals.unplaced}; weekly cost £${base.totals.weeklyCost.toLocaleString('en-GB')} → £${variant.totals.weeklyCost.toLocaleString('en-GB')}`,
  );
}

async function main() {
  await bench('Bradford-sized', 1);
  await bench('10× Bradford', 10);
}

void main();
