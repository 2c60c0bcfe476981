import { Prisma } from '@prisma/client';
import { BANDS, carerHours, type TBand } from '../../lib/domain/carer-hours';
import { isContractInForce } from '../../lib/domain/contract';
import { isOffering } from '../../lib/domain/package-status';
import { visitIssues } from '../../lib/package/package-schema';
import { BRADFORD, KIRKHOLME, type CouncilGeography } from './geography';
import { FAMILY_NAMES, GIVEN_NAMES, PROVIDER_FIRST, PROVIDER_SECOND, SKILLS, STREETS } from './names';
import { nameUuid, Random, unitOf } from './random';

// A synthetic home-support market shaped on Bradford District's figures (docs/domain.md):
// 30 wards, 35 localities, ~82 providers holding ~218 contracts, 2,464 people receiving 2,686
// services (≈45% double-handed, ≈14.3 h a week a person), 12 months of placements, ~40 packages
// waiting now; beside it a small second council sharing some providers. Pure: the same seed and
// `now` give the same rows, byte for byte.
//
// The second council, Kirkholme, is loaded by the seed through the council importer from CSV files
// kept in prisma/seed/kirkholme/ (docs/import.md): its geography, providers, contracts, the people
// it supports and their live long-term packages. That part is built here too, but from its own
// fixed seed and as of a fixed day (KIRKHOLME_FILES_AS_OF), so it is the same whatever the seed and
// the moment, and scripts/kirkholme-files.ts writes the files from it. What the importer has no sheet
// for stays generated as of the real moment: its ended history with the offers behind it, the
// short-term (reablement and discharge) services running now, the packages waiting for a provider,
// a draft, capacity declarations and the users.

type Rows<T> = T[];
export type MarketRows = {
  councils: Rows<Prisma.CouncilCreateManyInput>;
  wards: Rows<Prisma.WardCreateManyInput>;
  localities: Rows<Prisma.LocalityCreateManyInput>;
  localityWards: Rows<Prisma.LocalityWardCreateManyInput>;
  localityNeighbours: Rows<Prisma.LocalityNeighbourCreateManyInput>;
  hospitals: Rows<Prisma.HospitalCreateManyInput>;
  providers: Rows<Prisma.ProviderCreateManyInput>;
  councilProviders: Rows<Prisma.CouncilProviderCreateManyInput>;
  contracts: Rows<Prisma.ContractCreateManyInput>;
  contractLocalities: Rows<Prisma.ContractLocalityCreateManyInput>;
  capacity: Rows<Prisma.CapacityDeclarationCreateManyInput>;
  people: Rows<Prisma.PersonCreateManyInput>;
  packages: Rows<Prisma.PackageCreateManyInput>;
  visits: Rows<Prisma.VisitCreateManyInput>;
  serviceLines: Rows<Prisma.ServiceLineCreateManyInput>;
  offers: Rows<Prisma.OfferCreateManyInput>;
  placements: Rows<Prisma.PlacementCreateManyInput>;
  users: Rows<Omit<Prisma.UserCreateManyInput, 'passwordHash'>>;
};

type ContractType = 'LOCALITY' | 'STEP' | 'DISCHARGE' | 'ISF' | 'ICB' | 'SPOT';
type Weekday = 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN';
type ServiceType = 'PERSONAL_CARE' | 'DOMESTIC' | 'SHOPPING' | 'SOCIAL_INCLUSION' | 'SITTING' | 'NIGHT' | 'REABLEMENT';
type Pathway = 'LONG_TERM' | 'REABLEMENT' | 'HOSPITAL_DISCHARGE';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ALL_DAYS: Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

type Loc = { id: string; code: string; name: string; rural: boolean; x: number; y: number; ward: string; postcodeDistrict: string };
type ProviderSeed = { id: string; cqcLocationId: string; name: string; doubleHanded: boolean; skills: string[]; rating: string };
type ContractSeed = {
  id: string;
  providerId: string;
  type: ContractType;
  hospitalId: string | null;
  /** ISF contracts in Kirkholme's files: the person whose fund it is. */
  personId: string | null;
  rate: number;
  localityIds: string[];
  validFrom: Date;
  validTo: Date | null;
};
type VisitSeed = { days: Weekday[]; start: string; minutes: number; carers: number; type: ServiceType };

export type MarketOptions = { seed: number; now: Date };

export const DEFAULT_SEED = 2022;

/** The day Kirkholme's files are "as of": their live placements started before it, so it must come before any moment the seed is run as of. */
export const KIRKHOLME_FILES_AS_OF = new Date('2026-06-01T09:00:00Z');
const KIRKHOLME_FILES_SEED = 1974;

/** The id of a row Kirkholme's files create: the importer is handed these, so the files' rows keep the ids the builder gave them. */
export const kirkholmeId = (entity: string, key: string) => nameUuid(KIRKHOLME.code, entity, key);

type IdMaker = (entity: string, key: string) => string;

const day = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const money = (n: number) => new Prisma.Decimal(n.toFixed(2));
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** NHS numbers in the 999 range, which the NHS keeps for test data, with a valid check digit. */
function nhsNumber(rnd: Random, used: Set<string>): string {
  for (;;) {
    const digits = [9, 9, 9, ...Array.from({ length: 6 }, () => rnd.int(0, 9))];
    const sum = digits.reduce((s, d, i) => s + d * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    const n = [...digits, check === 11 ? 0 : check].join('');
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
}

class MarketBuilder {
  readonly rows: MarketRows = {
    councils: [],
    wards: [],
    localities: [],
    localityWards: [],
    localityNeighbours: [],
    hospitals: [],
    providers: [],
    councilProviders: [],
    contracts: [],
    contractLocalities: [],
    capacity: [],
    people: [],
    packages: [],
    visits: [],
    serviceLines: [],
    offers: [],
    placements: [],
    users: [],
  };
  readonly nhsNumbers = new Set<string>();
  readonly providerNames = new Set<string>();
  providerCount = 0;

  constructor(
    private readonly rnd: Random,
    private readonly now: Date,
    /** Name-based ids for the rows of Kirkholme's files; random ids otherwise. */
    readonly ids?: IdMaker,
  ) {}

  provider(kind: 'locality' | 'step' | 'discharge' | 'spot'): ProviderSeed {
    const rnd = this.rnd;
    let name: string;
    do name = `${rnd.pick(PROVIDER_FIRST)} ${rnd.pick(PROVIDER_SECOND)}`;
    while (this.providerNames.has(name));
    this.providerNames.add(name);
    const cqcLocationId = `1-${String(100000000 + (this.providerCount + 1) * 7919).slice(0, 9)}`;
    // ≈90% Good or Outstanding (CQC, docs/domain.md), a few requiring improvement or new.
    const rating = rnd.weighted([
      ['OUTSTANDING', 0.07],
      ['GOOD', 0.83],
      ['REQUIRES_IMPROVEMENT', 0.07],
      ['NOT_RATED', 0.03],
    ] as const);
    const skills = SKILLS.filter(() => rnd.chance(kind === 'spot' ? 0.25 : 0.5));
    const p: ProviderSeed = {
      id: this.ids ? this.ids('provider', cqcLocationId) : rnd.uuid(),
      cqcLocationId,
      name,
      rating,
      doubleHanded: kind !== 'spot' || rnd.chance(0.8),
      skills: kind === 'locality' || kind === 'step' ? [...new Set(['DEMENTIA', ...skills])].sort() : skills,
    };
    this.providerCount += 1;
    this.rows.providers.push({
      id: p.id,
      name: p.name,
      cqcLocationId,
      cqcRating: p.rating as Prisma.ProviderCreateManyInput['cqcRating'],
      cqcRatedOn: day(new Date(this.now.getTime() - rnd.int(60, 1100) * DAY)),
      doubleHanded: p.doubleHanded,
      skills: p.skills,
      phone: `01274 ${String(rnd.int(100000, 999999))}`,
      email: `office@${name.toLowerCase().replace(/[^a-z]+/g, '-')}.example`,
      createdAt: new Date(this.now.getTime() - 2000 * DAY),
    });
    return p;
  }

  council(geo: CouncilGeography, plan: CouncilPlan, sharedProviders: ProviderSeed[]): CouncilMarket {
    return new CouncilMarket(this, this.rnd, this.now, geo, plan, sharedProviders);
  }

  nhs(): string {
    return nhsNumber(this.rnd, this.nhsNumbers);
  }
}

type CouncilPlan = {
  /** Contracts in force run on with no end date (Kirkholme's files), instead of to 31 March 2027. */
  openEnded?: boolean;
  localityProviders: number;
  dischargeProviders: number;
  spotProviders: number;
  icbContracts: number;
  isfContracts: number;
  expiredSpotContracts: number;
};

class CouncilMarket {
  id: string;
  readonly locs: Loc[] = [];
  readonly hospitals = new Map<string, string>();
  readonly providers: ProviderSeed[] = [];
  readonly contracts: ContractSeed[] = [];
  /** Kirkholme's files: the people holding an ISF contract, each with theirs. */
  readonly isfPeople: { person: { id: string; loc: Loc }; contract: ContractSeed }[] = [];
  private coverage = new Map<string, Loc[]>();
  private packageNo = 0;
  private migratedNo = 0;
  private offerNo = 0;

  constructor(
    private market: MarketBuilder,
    private rnd: Random,
    private now: Date,
    private readonly geo: CouncilGeography,
    private readonly plan: CouncilPlan,
    shared: ProviderSeed[],
  ) {
    this.id = market.ids ? '' : rnd.uuid();
    if (!market.ids) market.rows.councils.push({ id: this.id, code: geo.code, name: geo.name, createdAt: new Date(now.getTime() - 2000 * DAY) });
    this.buildGeography();
    this.buildProviders(shared);
  }

  private get rows() {
    return this.market.rows;
  }

  /** Building the rows of Kirkholme's files (name-based ids, no offers, no line history). */
  private get forFiles() {
    return this.market.ids !== undefined;
  }

  private newId(entity: string, key: string): string {
    return this.market.ids ? this.market.ids(entity, key) : this.rnd.uuid();
  }

  /**
   * Goes on from the rows of the council's files to what is generated as of the real moment: the
   * council row itself, with the id every file row now takes, and from then on random ids.
   */
  resume(market: MarketBuilder, rnd: Random, now: Date) {
    const fileRows = this.market.rows;
    this.market = market;
    this.rnd = rnd;
    this.now = now;
    this.id = rnd.uuid();
    market.rows.councils.push({ id: this.id, code: this.geo.code, name: this.geo.name, createdAt: new Date(now.getTime() - 2000 * DAY) });
    for (const list of Object.values(fileRows) as { councilId?: string }[][]) for (const row of list) if ('councilId' in row) row.councilId = this.id;
  }

  private buildGeography() {
    const { geo, rows } = this;
    const prefix = geo.code === 'BDC' ? 'BD' : geo.code.slice(0, 2);
    geo.wards.forEach((w, i) => {
      const wardId = this.newId('ward', w.name);
      rows.wards.push({ councilId: this.id, id: wardId, name: w.name, population: w.population });
      const parts = geo.splitWards.includes(w.name) ? ['A', 'B'] : [''];
      parts.forEach((part, j) => {
        const code = `L${String(this.locs.length + 1).padStart(2, '0')}`;
        const loc: Loc = {
          id: this.newId('locality', code),
          code,
          name: part ? `${w.name} ${part}` : w.name,
          rural: w.rural,
          x: w.x + (parts.length > 1 ? (j === 0 ? -0.7 : 0.7) : 0),
          y: w.y,
          ward: w.name,
          postcodeDistrict: w.name === 'Ilkley' ? 'LS29' : `${prefix}${i + 1}`,
        };
        this.locs.push(loc);
        rows.localities.push({ councilId: this.id, id: loc.id, code: loc.code, name: loc.name, rural: loc.rural });
        rows.localityWards.push({ councilId: this.id, localityId: loc.id, wardId });
      });
    });
    // Neighbours: the four nearest localities, made symmetric.
    const pairs = new Set<string>();
    for (const a of this.locs) {
      const nearest = this.locs
        .filter((b) => b !== a)
        .sort((b, c) => Math.hypot(b.x - a.x, b.y - a.y) - Math.hypot(c.x - a.x, c.y - a.y) || b.code.localeCompare(c.code))
        .slice(0, Math.min(4, this.locs.length - 1));
      for (const b of nearest) {
        pairs.add(`${a.id}|${b.id}`);
        pairs.add(`${b.id}|${a.id}`);
      }
    }
    for (const pair of [...pairs].sort()) {
      const [localityId, neighbourId] = pair.split('|');
      rows.localityNeighbours.push({ councilId: this.id, localityId, neighbourId });
    }
    for (const h of geo.hospitals) {
      const id = this.newId('hospital', h.code);
      this.hospitals.set(h.code, id);
      rows.hospitals.push({ councilId: this.id, id, code: h.code, name: h.name });
    }
  }

  private locsOfWards(wards: string[]) {
    return this.locs.filter((l) => wards.includes(l.ward));
  }

  private near(centre: Loc, count: number) {
    return [...this.locs]
      .sort((a, b) => Math.hypot(a.x - centre.x, a.y - centre.y) - Math.hypot(b.x - centre.x, b.y - centre.y) || a.code.localeCompare(b.code))
      .slice(0, count);
  }

  private contract(
    p: ProviderSeed,
    type: ContractType,
    locs: Loc[],
    rate: number,
    opts: { hospital?: string; from?: Date; to?: Date | null; personId?: string } = {},
  ) {
    const reference = `${this.geo.code}-${type}-${String(this.contracts.length + 1).padStart(3, '0')}`;
    const c: ContractSeed = {
      id: this.newId('contract', reference),
      providerId: p.id,
      type,
      hospitalId: opts.hospital ? (this.hospitals.get(opts.hospital) ?? null) : null,
      personId: opts.personId ?? null,
      rate: Math.round(rate * 100) / 100,
      localityIds: locs.map((l) => l.id),
      validFrom: day(opts.from ?? new Date(Date.UTC(2019, 3, 1))),
      validTo: opts.to === undefined ? (this.plan.openEnded ? null : day(new Date(Date.UTC(2027, 2, 31)))) : opts.to,
    };
    this.contracts.push(c);
    this.rows.contracts.push({
      councilId: this.id,
      id: c.id,
      reference,
      providerId: p.id,
      type,
      hospitalId: c.hospitalId,
      ...(c.personId ? { personId: c.personId } : {}),
      hourlyRate: money(c.rate),
      validFrom: c.validFrom,
      validTo: c.validTo,
      createdAt: new Date(this.now.getTime() - 2000 * DAY),
    });
    for (const localityId of c.localityIds) this.rows.contractLocalities.push({ councilId: this.id, contractId: c.id, localityId });
    return c;
  }

  private register(p: ProviderSeed, status: 'ACTIVE' | 'SUSPENDED' = 'ACTIVE', reason: string | null = null) {
    this.providers.push(p);
    this.rows.councilProviders.push({
      councilId: this.id,
      providerId: p.id,
      status,
      statusReason: reason,
      statusChangedAt: new Date(this.now.getTime() - 400 * DAY),
    });
  }

  private buildProviders(shared: ProviderSeed[]) {
    const { rnd, plan, market } = this;
    // Locality contracts (April 2019): one provider per locality, some holding several areas.
    const localityHolders = shared.slice(0, plan.localityProviders);
    const newLocality = Array.from({ length: Math.max(0, plan.localityProviders - localityHolders.length) }, () => market.provider('locality'));
    const holders = [...localityHolders, ...newLocality];
    holders.forEach((p) => this.register(p));
    this.locs.forEach((loc, i) => {
      const holder = holders[i % holders.length];
      this.contract(holder, 'LOCALITY', [loc], rnd.int(2100, 2250) / 100, { from: new Date(Date.UTC(2019, 3, 1)) });
    });

    // STEP: one provider per area at £20.60/h; the last area lost its provider after a CQC failure.
    this.geo.stepAreas.forEach((area, i) => {
      const p = market.provider('step');
      const failed = i === this.geo.stepAreas.length - 1 && this.geo.stepAreas.length > 1;
      if (failed) {
        p.rating = 'INADEQUATE';
        const row = this.rows.providers.find((r) => r.id === p.id);
        if (row) row.cqcRating = 'INADEQUATE';
        this.register(p, 'SUSPENDED', 'CQC rated Inadequate; STEP contract terminated');
        this.contract(p, 'STEP', this.locsOfWards(area.wards), 20.6, {
          from: new Date(Date.UTC(2021, 3, 1)),
          to: day(new Date(this.now.getTime() - 120 * DAY)),
        });
      } else {
        this.register(p);
        this.contract(p, 'STEP', this.locsOfWards(area.wards), 20.6, { from: new Date(Date.UTC(2021, 3, 1)) });
      }
    });

    // Hospital discharge: one STEP provider for each hospital.
    this.geo.hospitals.slice(0, plan.dischargeProviders).forEach((h) => {
      const p = market.provider('discharge');
      this.register(p);
      const centre = this.locs.find((l) => l.ward === h.near) ?? this.locs[0];
      this.contract(p, 'DISCHARGE', this.near(centre, Math.ceil(this.locs.length * 0.6)), 20.6, { hospital: h.code, from: new Date(Date.UTC(2022, 9, 1)) });
    });

    // Spot (IPSAC) providers, clustered round the centre: rural areas have few.
    const sharedSpot = shared.slice(plan.localityProviders, plan.localityProviders + Math.max(0, shared.length - plan.localityProviders));
    const spot = [...sharedSpot];
    while (spot.length < plan.spotProviders) spot.push(market.provider('spot'));
    for (const p of spot) this.register(p);

    const all = this.providers;
    // Every registered provider holds a spot contract for the areas it works in.
    const coverage = new Map<string, Loc[]>();
    for (const p of all) {
      const centre = this.weightedCentre();
      const count = Math.min(this.locs.length, rnd.int(3, 9));
      const locs = this.near(centre, count).filter((l) => !l.rural || rnd.chance(0.35));
      const cover = locs.length ? locs : [centre];
      coverage.set(p.id, cover);
      const suspended = this.rows.councilProviders.some((cp) => cp.providerId === p.id && cp.councilId === this.id && cp.status === 'SUSPENDED');
      this.contract(p, 'SPOT', cover, rnd.int(1950, 2350) / 100, {
        // In the files, after the old framework contracts below: a provider's two spot contracts
        // for one area never run on the same day (the register's rule, which the importer checks).
        from: this.forFiles ? new Date(Date.UTC(2019 + rnd.int(0, 2), 3 + rnd.int(0, 8), 1)) : new Date(Date.UTC(2016 + rnd.int(0, 5), rnd.int(0, 11), 1)),
        to: suspended ? day(new Date(this.now.getTime() - 120 * DAY)) : null,
      });
    }
    // Rural areas always have at least two spot options (the review's grant found one).
    for (const loc of this.locs.filter((l) => l.rural)) {
      const covering = all.filter((p) => coverage.get(p.id)?.includes(loc));
      const others = spot.filter((p) => !covering.includes(p));
      for (const p of rnd.shuffle(others).slice(0, Math.max(0, 2 - covering.length))) {
        coverage.get(p.id)?.push(loc);
        this.contract(p, 'SPOT', [loc], rnd.int(2150, 2400) / 100, { from: new Date(Date.UTC(2021, 11, 1)) });
      }
    }
    // Old framework spot contracts that were never re-accredited: expired.
    for (const p of rnd.shuffle(spot).slice(0, plan.expiredSpotContracts)) {
      this.contract(p, 'SPOT', coverage.get(p.id) ?? [], rnd.int(1750, 1900) / 100, {
        from: new Date(Date.UTC(2014, 3, 1)),
        to: day(new Date(Date.UTC(2019, 2, 31))),
      });
    }
    // ISF: the person's own choice of provider, often a long-term stay with a STEP or spot provider.
    const isfHolders = rnd.shuffle(all.filter((p) => p.rating !== 'INADEQUATE'));
    for (let i = 0; i < plan.isfContracts; i++) {
      const p = isfHolders[i % isfHolders.length];
      const cover = coverage.get(p.id) ?? [];
      if (this.forFiles) {
        // The register's ISF contract names the person whose fund it is (docs/contracts.md).
        const person = this.person(rnd.pick(cover));
        const contract = this.contract(p, 'ISF', [person.loc], rnd.int(2000, 2200) / 100, {
          from: new Date(Date.UTC(2020 + rnd.int(0, 5), rnd.int(0, 11), 1)),
          personId: person.id,
        });
        this.isfPeople.push({ person, contract });
        continue;
      }
      this.contract(p, 'ISF', i < isfHolders.length ? cover : [rnd.pick(cover)], rnd.int(2000, 2200) / 100, {
        from: new Date(Date.UTC(2020 + rnd.int(0, 5), rnd.int(0, 11), 1)),
      });
    }
    // NHS ICB placements: complex health packages, sometimes with providers the council never accredited.
    const icbHolders = rnd.shuffle(spot.filter((p) => p.doubleHanded));
    for (let i = 0; i < plan.icbContracts; i++) {
      const p = icbHolders[i % icbHolders.length];
      this.contract(p, 'ICB', coverage.get(p.id) ?? [], rnd.int(2200, 2550) / 100, { from: new Date(Date.UTC(2022, 3, 1)) });
    }
    this.coverage = coverage;
  }

  private weightedCentre(): Loc {
    // Providers cluster round the city centre: weight by closeness.
    return this.rnd.weighted(this.locs.map((l) => [l, 1 / (1 + Math.hypot(l.x, l.y - this.locs[0].y) ** 1.3)] as const));
  }

  /** Spare carer-hours a week each provider says it can take on. */
  capacity() {
    const { rnd, coverage } = this;
    // Spare carer-hours a week each provider says it can take on; rural areas, evenings and nights scarce.
    const base: Record<TBand, [number, number]> = { MORNING: [4, 22], MIDDAY: [2, 12], AFTERNOON: [2, 12], EVENING: [0, 8], NIGHT: [0, 0] };
    for (const p of this.providers) {
      const locs = new Map<string, Loc>();
      for (const c of this.contracts.filter((c) => c.providerId === p.id)) {
        for (const id of c.localityIds) {
          const loc = this.locs.find((l) => l.id === id);
          if (loc) locs.set(loc.id, loc);
        }
      }
      for (const loc of coverage.get(p.id) ?? []) locs.set(loc.id, loc);
      const nightWorker = rnd.chance(0.12);
      const declaredAt = new Date(this.now.getTime() - rnd.int(0, 30) * DAY - rnd.int(0, 23) * HOUR);
      for (const loc of [...locs.values()].sort((a, b) => a.code.localeCompare(b.code))) {
        for (const band of BANDS) {
          const [lo, hi] = band === 'NIGHT' && nightWorker ? [2, 8] : base[band];
          let hours = rnd.int(lo, hi);
          if (loc.rural) hours = rnd.chance(0.5) ? 0 : Math.floor(hours * 0.3);
          this.rows.capacity.push({ councilId: this.id, providerId: p.id, localityId: loc.id, band, carerHours: money(hours), declaredAt });
        }
      }
    }
  }

  // ---- people and packages ----------------------------------------------------------------

  private pickLocality(): Loc {
    const wards = new Map(this.geo.wards.map((w) => [w.name, w] as const));
    return this.rnd.weighted(
      this.locs.map((l) => {
        const w = wards.get(l.ward);
        const parts = this.geo.splitWards.includes(l.ward) ? 2 : 1;
        return [l, (w?.population ?? 10000) / parts] as const;
      }),
    );
  }

  person(loc: Loc = this.pickLocality()) {
    const { rnd } = this;
    const randomId = this.forFiles ? null : rnd.uuid();
    const age = rnd.weighted([
      [rnd.int(18, 64), 0.12],
      [rnd.int(65, 84), 0.35],
      [rnd.int(85, 101), 0.53],
    ] as const);
    const dob = new Date(Date.UTC(this.now.getUTCFullYear() - age, rnd.int(0, 11), rnd.int(1, 28)));
    const clientGroup =
      age < 65
        ? rnd.weighted([
            ['PHYSICAL_DISABILITY', 0.35],
            ['LEARNING_DISABILITY', 0.35],
            ['MENTAL_HEALTH', 0.2],
            ['SENSORY_IMPAIRMENT', 0.1],
          ] as const)
        : rnd.weighted([
            ['OLDER_PEOPLE', 0.93],
            ['MENTAL_HEALTH', 0.05],
            ['SENSORY_IMPAIRMENT', 0.02],
          ] as const);
    const letters = 'ABDEFGHJLNPQRSTUWXYZ';
    const givenName = rnd.pick(GIVEN_NAMES);
    const familyName = rnd.pick(FAMILY_NAMES);
    const nhsNumber = this.market.nhs();
    const id = randomId ?? this.newId('person', nhsNumber);
    this.rows.people.push({
      councilId: this.id,
      id,
      givenName,
      familyName,
      dateOfBirth: dob,
      nhsNumber,
      addressLine1: `${rnd.int(1, 180)} ${rnd.pick(STREETS)}`,
      town: loc.ward,
      postcode: `${loc.postcodeDistrict} ${rnd.int(1, 9)}${letters[rnd.int(0, 19)]}${letters[rnd.int(0, 19)]}`,
      localityId: loc.id,
      clientGroup,
      createdAt: new Date(this.now.getTime() - 2200 * DAY),
    });
    return { id, loc };
  }

  private visits(pathway: Pathway, doubleHanded: boolean, night: boolean): VisitSeed[] {
    const { rnd } = this;
    const perDay = rnd.weighted([
      [1, 0.3],
      [2, 0.3],
      [3, 0.25],
      [4, 0.15],
    ] as const);
    const slots: Record<number, number[]> = {
      1: [8 * 60],
      2: [8 * 60, 19 * 60],
      3: [8 * 60, 12 * 60 + 30, 18 * 60],
      4: [7 * 60 + 30, 12 * 60, 16 * 60 + 30, 20 * 60],
    };
    const days = rnd.weighted([
      [ALL_DAYS, 0.85],
      [ALL_DAYS.slice(0, 5), 0.1],
      [['MON', 'WED', 'FRI'] as Weekday[], 0.05],
    ] as const);
    const out: VisitSeed[] = slots[perDay].map((start, i, all) => {
      const personal = i === 0 || i === all.length - 1;
      return {
        days: [...days],
        start: hhmm(start + rnd.int(-2, 2) * 15),
        minutes: rnd.weighted([
          [15, 0.04],
          [30, 0.56],
          [45, 0.28],
          [60, 0.12],
        ] as const),
        carers: doubleHanded && personal ? 2 : 1,
        type: pathway === 'LONG_TERM' ? (i === 1 && all.length > 2 && rnd.chance(0.25) ? 'DOMESTIC' : 'PERSONAL_CARE') : 'REABLEMENT',
      };
    });
    if (pathway === 'LONG_TERM') {
      if (rnd.chance(0.2)) out.push({ days: [rnd.pick(ALL_DAYS)], start: '10:30', minutes: 60, carers: 1, type: 'SHOPPING' });
      if (rnd.chance(0.12)) out.push({ days: [rnd.pick(ALL_DAYS)], start: '13:30', minutes: 180, carers: 1, type: 'SOCIAL_INCLUSION' });
      if (rnd.chance(0.06)) out.push({ days: [rnd.pick(ALL_DAYS)], start: '14:00', minutes: 180, carers: 1, type: 'SITTING' });
      if (night) out.push({ days: ALL_DAYS, start: rnd.pick(['22:00', '22:30', '23:00', '02:00']), minutes: 30, carers: doubleHanded ? 2 : 1, type: 'NIGHT' });
    }
    // The files hold only visits the package form accepts: an extra visit that would overlap
    // another is left out.
    if (this.forFiles) return out.reduce<VisitSeed[]>((kept, v) => (visitIssues([...kept, v]).length === 0 ? [...kept, v] : kept), []);
    return out;
  }

  private contractFor(
    person: { id: string; loc: Loc },
    pathway: Pathway,
    funding: 'COUNCIL' | 'ICB',
    hospitalCode: string | null,
    placedAt: Date | null,
  ): ContractSeed | null {
    const { rnd } = this;
    const loc = person.loc;
    // The files' placements fit their contracts on the day they started, as the importer checks.
    const inForce = (c: ContractSeed) => isContractInForce(c, this.now) && (!this.forFiles || placedAt === null || isContractInForce(c, placedAt));
    // An ISF contract that names its person is theirs alone, and their package is placed under it.
    const own = this.contracts.find((c) => c.type === 'ISF' && c.personId === person.id && inForce(c) && c.localityIds.includes(loc.id));
    if (own) return own;
    const covering = (type: ContractType) =>
      this.contracts.filter((c) => c.type === type && c.personId === null && inForce(c) && c.localityIds.includes(loc.id));
    // Ending with the locality's own provider, as the cascade does for discharges and reablement
    // and the open market for NHS-funded care: a service the seed counts as placed always has one,
    // instead of waiting for good with no offer out.
    const order: ContractType[] =
      pathway === 'HOSPITAL_DISCHARGE'
        ? ['DISCHARGE', 'STEP', 'SPOT', 'LOCALITY']
        : pathway === 'REABLEMENT'
          ? ['STEP', 'SPOT', 'LOCALITY']
          : funding === 'ICB'
            ? ['ICB', 'SPOT', 'LOCALITY']
            : [
                rnd.weighted([
                  ['ISF', 0.365],
                  ['LOCALITY', 0.3],
                  ['SPOT', 0.335],
                ] as const),
                'SPOT',
                'ISF',
                'LOCALITY',
              ];
    for (const type of order) {
      let options = covering(type);
      if (type === 'DISCHARGE') options = options.filter((c) => c.hospitalId === this.hospitals.get(hospitalCode ?? ''));
      if (options.length) return rnd.pick(options);
    }
    return null;
  }

  /** One package with its visits, typed service lines, offers and placement. */
  package(opts: {
    person: { id: string; loc: Loc };
    pathway: Pathway;
    status: 'DRAFT' | 'OFFERING' | 'OPEN_MARKET' | 'PLACED' | 'ENDED';
    postedAt: Date;
    pickUpHours?: number;
    /** For ENDED packages: how long the care ran. */
    lastedDays?: number;
    funding?: 'COUNCIL' | 'ICB';
  }) {
    const { rnd, forFiles } = this;
    const { person, pathway, status, postedAt } = opts;
    const loc = person.loc;
    const funding = opts.funding ?? (pathway === 'LONG_TERM' && rnd.chance(0.1) ? 'ICB' : 'COUNCIL');
    const hospitalCode = pathway === 'HOSPITAL_DISCHARGE' ? rnd.pick(this.geo.hospitals).code : null;
    const doubleHanded = rnd.chance(0.45);
    const night = pathway === 'LONG_TERM' && rnd.chance(0.05);
    const visits = this.visits(pathway, doubleHanded, night);
    // The files' packages keep the references of the system they came from (KHC-M-000001); the
    // council's own numbering (KHC-000001) is left to what HomeFirst creates.
    const reference = forFiles ? `${this.geo.code}-M-${String(++this.migratedNo).padStart(6, '0')}` : null;
    const id = reference ? this.newId('package', reference) : rnd.uuid();
    if (!forFiles) this.packageNo += 1;
    const placed = status === 'PLACED' || status === 'ENDED';
    // Placed no later than half an hour before `now`: nothing in the seed happens in the future.
    const placedAt = placed ? new Date(Math.min(postedAt.getTime() + Math.round((opts.pickUpHours ?? 24) * HOUR), this.now.getTime() - HOUR / 2)) : null;
    const contract = placed ? this.contractFor(person, pathway, funding, hospitalCode, placedAt) : null;
    if (forFiles && !contract) throw new Error(`No contract covers ${loc.code} for a ${pathway} package placed on ${placedAt?.toISOString()}`);
    const endedAt = status === 'ENDED' && placedAt ? new Date(Math.min(placedAt.getTime() + (opts.lastedDays ?? 28) * DAY, this.now.getTime() - DAY)) : null;
    const requiredSkills = rnd.chance(0.15) ? [rnd.pick(['DEMENTIA', 'DEMENTIA', 'CATHETER_CARE', 'PEG_FEEDING', 'END_OF_LIFE'])] : [];
    const isf = contract?.type === 'ISF';
    const packageRef = reference ?? `${this.geo.code}-${String(this.packageNo).padStart(6, '0')}`;

    // A package from the files is what the importer makes of it: placed, with no offer history,
    // required skills or preferred provider (the packages sheet has none).
    this.rows.packages.push({
      ...(forFiles ? {} : charging(id, pathway, funding, postedAt)),
      councilId: this.id,
      id,
      reference: packageRef,
      personId: person.id,
      localityId: loc.id,
      pathway,
      funding,
      hospitalId: hospitalCode ? (this.hospitals.get(hospitalCode) ?? null) : null,
      status: placed && !contract ? 'OPEN_MARKET' : status,
      version: 1,
      preferredProviderId: isf && !forFiles ? contract.providerId : null,
      excludedProviderIds: [],
      requiredSkills: forFiles ? [] : requiredSkills,
      readyAt: status === 'DRAFT' || forFiles ? null : postedAt,
      postedAt: status === 'DRAFT' || forFiles ? null : postedAt,
      placedAt: contract ? placedAt : null,
      endedAt: contract ? endedAt : null,
      offerRound: status === 'DRAFT' || forFiles ? 0 : 1,
      createdAt: new Date(postedAt.getTime() - rnd.int(5, 120) * 60_000),
      updatedAt: placedAt ?? postedAt,
    });

    const byType = new Map<ServiceType, { hours: number; double: boolean }>();
    for (const [i, v] of visits.entries()) {
      const visitId = reference ? this.newId('visit', `${reference}|${i}`) : rnd.uuid();
      this.rows.visits.push({ councilId: this.id, id: visitId, packageId: id, days: v.days, start: v.start, minutes: v.minutes, carers: v.carers });
      const t = byType.get(v.type) ?? { hours: 0, double: false };
      t.hours += carerHours([v]);
      t.double ||= v.carers === 2;
      byType.set(v.type, t);
    }
    const start = day(placedAt ?? postedAt);
    const endDate = endedAt && endedAt > start ? day(endedAt) : endedAt ? start : null;
    let lineNo = 0;
    for (const [type, t] of byType) {
      const line = {
        councilId: this.id,
        packageId: id,
        type,
        doubleHanded: t.double,
        providerId: contract?.providerId ?? null,
        contractId: contract?.id ?? null,
        hourlyRate: contract ? money(contract.rate) : null,
        createdAt: placedAt ?? postedAt,
      };
      // Some lines were changed after placement: the old version ended, a new one took over. (Not
      // in the files: an import starts a line's history, it does not bring one.)
      const changed = contract && status === 'PLACED' && !forFiles && rnd.chance(0.08) && start.getTime() < this.now.getTime() - 60 * DAY;
      if (changed) {
        const oldId = rnd.uuid();
        const switchDay = day(new Date(this.now.getTime() - rnd.int(5, 50) * DAY));
        this.rows.serviceLines.push({ ...line, id: oldId, hoursPerWeek: money(t.hours + 1.75), startDate: start, endDate: switchDay });
        this.rows.serviceLines.push({
          ...line,
          id: rnd.uuid(),
          hoursPerWeek: money(t.hours),
          startDate: switchDay,
          endDate,
          supersedesId: oldId,
          createdAt: switchDay,
        });
      } else {
        const lineId = reference ? this.newId('service-line', `${reference}|${lineNo++}`) : rnd.uuid();
        this.rows.serviceLines.push({ ...line, id: lineId, hoursPerWeek: money(t.hours), startDate: start, endDate });
      }
    }

    if (status !== 'DRAFT' && !forFiles) this.offers(id, loc, postedAt, placedAt, contract, status);
    if (isOffering(status)) {
      // The round now out: its number, and the deadline its timer closes it at.
      const row = this.rows.packages[this.rows.packages.length - 1];
      const open = this.rows.offers.filter((o) => o.packageId === id && o.status === 'OFFERED');
      row.offerRound = Math.max(1, ...open.map((o) => o.round));
      row.roundDeadline = open.length ? new Date(Math.max(...open.map((o) => new Date(o.deadline).getTime()))) : null;
    }
    if (contract && placedAt) {
      this.rows.placements.push({
        councilId: this.id,
        id: reference ? this.newId('placement', reference) : rnd.uuid(),
        packageId: id,
        providerId: contract.providerId,
        contractId: contract.id,
        startedAt: placedAt,
        endedAt,
        endReason:
          status === 'ENDED' ? rnd.pick(['Care no longer needed', 'Moved to residential care', 'Person died', 'Reablement complete: independent']) : null,
      });
    }
    return { id, hours: [...byType.values()].reduce((s, t) => s + t.hours, 0) };
  }

  /** The offer history of a posted package: a round of offers, declines, and the winner. */
  private offers(packageId: string, loc: Loc, postedAt: Date, placedAt: Date | null, winner: ContractSeed | null, status: string) {
    const { rnd } = this;
    // Offers are only kept for the last 12 months of activity.
    // Whole days, so that the time of day the seed runs at does not change which are kept.
    if (day(postedAt).getTime() < day(new Date(this.now.getTime() - 365 * DAY)).getTime()) return;
    const others = this.contracts.filter((c) => c.localityIds.includes(loc.id) && c.providerId !== winner?.providerId && c.type !== 'ISF');
    const oneEach = [...new Map(others.map((c) => [c.providerId, c] as const)).values()];
    const losers = rnd.shuffle(oneEach).slice(0, rnd.int(1, 4));
    const deadlineHours = 24;
    const open = isOffering(status);
    const round = status === 'OPEN_MARKET' ? 2 : 1;
    let rank = 0;
    const push = (c: ContractSeed, offerStatus: 'OFFERED' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED' | 'WITHDRAWN', respondedAt: Date | null, offerRound = 1) => {
      rank += 1;
      this.offerNo += 1;
      const declined = offerStatus === 'DECLINED';
      const offeredAt = new Date(postedAt.getTime() + (offerRound - 1) * deadlineHours * HOUR);
      this.rows.offers.push({
        councilId: this.id,
        id: rnd.uuid(),
        packageId,
        packageVersion: 1,
        providerId: c.providerId,
        contractId: c.id,
        round: offerRound,
        tier: offerRound === 2 && status === 'OPEN_MARKET' ? null : 1,
        rank,
        reasons: [`${c.type.toLowerCase()} contract covering ${loc.name}`],
        hourlyRate: money(c.rate),
        status: offerStatus,
        offeredAt,
        deadline: open && offerRound === round ? new Date(this.now.getTime() + rnd.int(2, 20) * HOUR) : new Date(offeredAt.getTime() + deadlineHours * HOUR),
        respondedAt,
        declineReason: declined
          ? rnd.weighted([
              ['NO_CAPACITY', 0.5],
              ['TIMES', 0.25],
              ['AREA', 0.15],
              ['SKILLS', 0.05],
              ['OTHER', 0.05],
            ] as const)
          : null,
        declineText: null,
      });
    };
    for (const [i, c] of losers.entries()) {
      if (open && status === 'OFFERING') {
        push(c, rnd.chance(0.5) ? 'DECLINED' : 'OFFERED', null);
        // A round every provider has declined closes at once, so a package still offering has an
        // offer out: when all the others declined, the last provider asked has not answered yet.
        // Its decline reason is drawn all the same, so the rest of the market stays as it was.
        const round = this.rows.offers.slice(-(i + 1));
        if (i === losers.length - 1 && round.every((o) => o.status === 'DECLINED')) Object.assign(round[i], { status: 'OFFERED', declineReason: null });
      } else if (open) push(c, rnd.chance(0.6) ? 'DECLINED' : 'EXPIRED', null);
      else
        push(
          c,
          rnd.weighted([
            ['DECLINED', 0.6],
            ['WITHDRAWN', 0.4],
          ] as const),
          placedAt,
        );
    }
    if (status === 'OPEN_MARKET') {
      for (const c of rnd.shuffle(oneEach).slice(0, 3)) push(c, 'OFFERED', null, 2);
    }
    if (winner && placedAt) push(winner, 'ACCEPTED', placedAt);
  }
}

const BRADFORD_PLAN: CouncilPlan = {
  localityProviders: 16,
  dischargeProviders: 2,
  spotProviders: 59,
  icbContracts: 16,
  isfContracts: 66,
  expiredSpotContracts: 8,
};
const KIRKHOLME_PLAN: CouncilPlan = {
  openEnded: true,
  localityProviders: 3,
  dischargeProviders: 1,
  spotProviders: 9,
  icbContracts: 2,
  isfContracts: 6,
  expiredSpotContracts: 1,
};
const KIRKHOLME_PEOPLE = { people: 280, services: 300, history: 90, open: 6, drafts: 1 };

/** Bradford's providers, made first: the first three locality and first five spot providers also work for Kirkholme. */
function bradfordProviders(market: MarketBuilder) {
  const locality = Array.from({ length: BRADFORD_PLAN.localityProviders }, () => market.provider('locality'));
  const spot = Array.from({ length: BRADFORD_PLAN.spotProviders }, () => market.provider('spot'));
  return { locality, spot, shared: [...locality.slice(0, 3), ...spot.slice(0, 5)] };
}

/**
 * Kirkholme as its files hold it: geography, providers, contracts, people and live long-term
 * packages, from a fixed seed as of a fixed day. Its shared providers are Bradford's as the default
 * seed makes them, with the ids `sharedIds` gives them by CQC location id (the importer matches
 * them on it). Returns the council to go on with, its rows, and the short-term services running
 * now, which are generated as of the real moment.
 */
function kirkholmeFromFiles(sharedIds: Map<string, string>) {
  const asOf = KIRKHOLME_FILES_AS_OF;
  const ids: IdMaker = (entity, key) => (entity === 'provider' && sharedIds.get(key)) || kirkholmeId(entity, key);
  const bradford = new MarketBuilder(new Random(DEFAULT_SEED), asOf, ids);
  const shared = bradfordProviders(bradford).shared;
  const market = new MarketBuilder(new Random(KIRKHOLME_FILES_SEED), asOf, ids);
  for (const p of bradford.rows.providers) {
    market.providerNames.add(p.name);
    if (sharedIds.has(p.cqcLocationId)) market.rows.providers.push(p);
  }
  // Bradford's own STEP and discharge providers come after its locality and spot providers.
  market.providerCount = bradford.providerCount + BRADFORD.stepAreas.length + BRADFORD_PLAN.dischargeProviders;
  const council = market.council(KIRKHOLME, KIRKHOLME_PLAN, shared);
  const rnd = new Random(KIRKHOLME_FILES_SEED + 1);
  for (const { person, contract } of council.isfPeople) {
    const since = Math.floor((asOf.getTime() - new Date(contract.validFrom).getTime()) / DAY);
    council.package({ person, pathway: 'LONG_TERM', status: 'PLACED', funding: 'COUNCIL', postedAt: postedTime(rnd, asOf, rnd.int(3, since - 2)) });
  }
  const shortTerm = liveServices(rnd, asOf, council, KIRKHOLME_PEOPLE, ['LONG_TERM']);
  return { council, rows: market.rows, nhsNumbers: market.nhsNumbers, shortTerm };
}

/**
 * Who pays beyond the lead funder, drawn from the package's id so the rest of the seed is drawn
 * as before: of long-term council packages, 5% split with the ICB (20% to 60%) and 2% Section 117
 * aftercare; 55% of the rest pay a contribution from a financial assessment made ten days
 * before the package was posted (short-term care is free to the person).
 */
function charging(id: string, pathway: Pathway, funding: 'COUNCIL' | 'ICB', postedAt: Date): Partial<Prisma.PackageCreateManyInput> {
  const u = unitOf(`${id}|funding`);
  const longTermCouncil = pathway === 'LONG_TERM' && funding === 'COUNCIL';
  const icbSharePercent = longTermCouncil && u < 0.05 ? 20 + 5 * Math.floor(unitOf(`${id}|share`) * 9) : null;
  const s117Aftercare = longTermCouncil && u >= 0.05 && u < 0.07;
  if (!longTermCouncil || s117Aftercare || unitOf(`${id}|pays`) >= 0.55) return { icbSharePercent, s117Aftercare };
  return {
    icbSharePercent,
    s117Aftercare,
    clientContributionWeekly: money(5 + Math.round(unitOf(`${id}|amount`) * 11_500) / 100),
    financialAssessmentOn: day(new Date(postedAt.getTime() - 10 * DAY)),
  };
}

/** The seed's market: the rows it writes itself, and Kirkholme's rows that its files hold. */
export type SeedMarket = { generated: MarketRows; fromFiles: MarketRows };

/** Builds both councils' markets, as the seed writes them (Kirkholme's files apart). */
export function buildSeedMarket({ seed, now }: MarketOptions): SeedMarket {
  const rnd = new Random(seed);
  const market = new MarketBuilder(rnd, now);

  const { locality: bradfordLocalityProviders, spot: bradfordSpot, shared } = bradfordProviders(market);
  const kirkholme = kirkholmeFromFiles(new Map(shared.map((p) => [p.cqcLocationId, p.id])));
  // Nobody in Bradford has the NHS number of someone in Kirkholme's files.
  for (const n of kirkholme.nhsNumbers) market.nhsNumbers.add(n);

  const bradford = market.council(BRADFORD, BRADFORD_PLAN, [...bradfordLocalityProviders, ...bradfordSpot]);
  bradford.capacity();
  populate(rnd, now, bradford, { people: 2464, services: 2686, history: 1100, open: 40, drafts: 3 });

  // Kirkholme shares three locality providers and five spot providers with Bradford; its wards
  // (and their populations, which the localities sheet does not hold) are written by the seed.
  kirkholme.council.resume(market, rnd, now);
  market.rows.wards.push(...kirkholme.rows.wards.splice(0));
  kirkholme.council.capacity();
  for (const { person, pathway } of kirkholme.shortTerm)
    kirkholme.council.package({
      person,
      pathway,
      status: 'PLACED',
      postedAt: postedTime(rnd, now, rnd.int(1, 41)),
      pickUpHours: pickUp(rnd, pathway, person.loc.rural),
    });
  history(rnd, now, kirkholme.council, KIRKHOLME_PEOPLE);

  users(market.rows, rnd, bradford, BRADFORD, now);
  users(market.rows, rnd, kirkholme.council, KIRKHOLME, now);
  market.rows.users.push({ id: rnd.uuid(), email: 'platform@homefirst.example', name: 'Platform Administrator', role: 'PLATFORM_ADMIN', createdAt: now });
  // A provider with contracts in both councils signs in once and sees work from each.
  const sharedProvider = bradfordLocalityProviders[0];
  market.rows.users.push({
    id: rnd.uuid(),
    email: 'provider@homefirst.example',
    name: `${sharedProvider.name} (care coordinator)`,
    role: 'PROVIDER',
    providerId: sharedProvider.id,
    providerManager: true,
    createdAt: now,
  });
  const bradfordOnly = bradfordSpot[bradfordSpot.length - 1];
  market.rows.users.push({
    id: rnd.uuid(),
    email: 'provider2@homefirst.example',
    name: `${bradfordOnly.name} (care coordinator)`,
    role: 'PROVIDER',
    providerId: bradfordOnly.id,
    createdAt: now,
  });
  return { generated: market.rows, fromFiles: kirkholme.rows };
}

/** Every row of both councils' markets: what the seed writes and what Kirkholme's files hold. */
export function buildMarket(options: MarketOptions): MarketRows {
  const { generated, fromFiles } = buildSeedMarket(options);
  const providerIds = new Set(generated.providers.map((p) => p.id));
  const all = {} as Record<keyof MarketRows, unknown[]>;
  for (const key of Object.keys(generated) as (keyof MarketRows)[]) {
    // A shared provider is Bradford's row; the files' copy of it only registers it with Kirkholme.
    const extra = key === 'providers' ? fromFiles.providers.filter((p) => !providerIds.has(p.id!)) : fromFiles[key];
    all[key] = [...generated[key], ...extra];
  }
  return all as MarketRows;
}

function users(rows: MarketRows, rnd: Random, council: CouncilMarket, geo: CouncilGeography, now: Date) {
  const roles = [
    ['BROKER', 'broker', 'Support Options broker'],
    ['BEST', 'best', 'BEST duty officer'],
    ['COMMISSIONER', 'commissioner', 'Commissioning manager'],
    ['ADMIN', 'admin', 'System administrator'],
  ] as const;
  for (const [role, local, name] of roles) {
    rows.users.push({ id: rnd.uuid(), email: `${local}@${geo.emailDomain}`, name, role, councilId: council.id, createdAt: now });
  }
}

type PeoplePlan = { people: number; services: number; history: number; open: number; drafts: number };

function populate(rnd: Random, now: Date, council: CouncilMarket, n: PeoplePlan) {
  liveServices(rnd, now, council, n);
  history(rnd, now, council, n);
}

/**
 * The services running now: most started years ago; BEST-style short-term ones in the last six
 * weeks. With `only`, the services of other pathways are not placed but returned, each with its
 * person, to be placed later (Kirkholme's short-term services, generated as of the real moment).
 */
function liveServices(rnd: Random, now: Date, council: CouncilMarket, n: PeoplePlan, only?: Pathway[]) {
  const later: { person: { id: string; loc: Loc }; pathway: Pathway }[] = [];
  const people = Array.from({ length: n.people }, () => council.person());
  for (let i = 0; i < n.services; i++) {
    const person = i < n.people ? people[i] : people[rnd.int(0, n.people - 1)];
    const pathway: Pathway = rnd.weighted([
      ['LONG_TERM', 0.94],
      ['REABLEMENT', 0.045],
      ['HOSPITAL_DISCHARGE', 0.015],
    ] as const);
    if (only && !only.includes(pathway)) {
      later.push({ person, pathway });
      continue;
    }
    const ageDays = pathway === 'LONG_TERM' ? Math.min(2400, Math.round(rnd.logNormal(420, 1.0))) : rnd.int(1, 41);
    council.package({ person, pathway, status: 'PLACED', postedAt: postedTime(rnd, now, ageDays), pickUpHours: pickUp(rnd, pathway, person.loc.rural) });
  }
  return later;
}

/** Twelve months of ended packages, the packages waiting now and the drafts. */
function history(rnd: Random, now: Date, council: CouncilMarket, n: PeoplePlan) {
  // Twelve months of packages that were placed and have since ended.
  for (let i = 0; i < n.history; i++) {
    const person = council.person();
    const pathway: Pathway = rnd.weighted([
      ['LONG_TERM', 0.55],
      ['REABLEMENT', 0.3],
      ['HOSPITAL_DISCHARGE', 0.15],
    ] as const);
    const ageDays = rnd.int(20, 360);
    const postedAt = postedTime(rnd, now, ageDays);
    const lasted = pathway === 'LONG_TERM' ? rnd.int(10, ageDays - 2) : Math.min(ageDays - 2, rnd.int(7, 42));
    council.package({
      person,
      pathway,
      status: 'ENDED',
      postedAt,
      pickUpHours: pickUp(rnd, pathway, person.loc.rural),
      lastedDays: Math.max(3, lasted),
    });
  }
  // Waiting now: complex, night and rural packages have waited longest.
  for (let i = 0; i < n.open; i++) {
    const person = council.person();
    const pathway: Pathway = rnd.weighted([
      ['LONG_TERM', 0.7],
      ['REABLEMENT', 0.18],
      ['HOSPITAL_DISCHARGE', 0.12],
    ] as const);
    const waitedHours = pathway === 'LONG_TERM' ? rnd.logNormal(person.loc.rural ? 240 : 60, 0.9) : rnd.logNormal(1.5, 0.6);
    council.package({
      person,
      pathway,
      status: i % 4 === 3 ? 'OPEN_MARKET' : 'OFFERING',
      postedAt: new Date(now.getTime() - Math.min(24 * 28, Math.max(0.25, waitedHours)) * HOUR),
    });
  }
  for (let i = 0; i < n.drafts; i++)
    council.package({ person: council.person(), pathway: 'LONG_TERM', status: 'DRAFT', postedAt: new Date(now.getTime() - rnd.int(1, 48) * HOUR) });
}

function postedTime(rnd: Random, now: Date, ageDays: number): Date {
  const weekday = new Date(now.getTime() - ageDays * DAY);
  return new Date(day(weekday).getTime() + rnd.int(8 * 60, 17 * 60) * 60_000);
}

/** Pick-up time in hours: discharge in hours, long-term in days, rural and complex far longer. */
function pickUp(rnd: Random, pathway: Pathway, rural: boolean): number {
  if (pathway === 'HOSPITAL_DISCHARGE') return Math.max(0.25, rnd.logNormal(2.5, 0.7));
  if (pathway === 'REABLEMENT') return Math.max(0.5, rnd.logNormal(6, 0.8));
  return Math.max(1, rnd.logNormal(rural ? 200 : 50, 1.0));
}
