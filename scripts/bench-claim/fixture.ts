// The claim benchmark's fixture, written straight into the database in bulk: a council of its own
// (a fresh one each run, so runs never share rows), 200 providers each with a contract and a
// provider API token, and packages already in OFFERING at round 1 with one offer each (the
// 200-way race has one package offered to all 200). The offers have deadlines; the packages'
// rounds have none, or the job worker would schedule a round close for each of the ~80,000 bench
// packages every minute, a load no real market puts on it, and time that instead of acceptances. API tokens are stored as lib/auth/api-token.ts
// stores them: the SHA-256 of the token, never the token.
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';

export const PROVIDERS = 200;

/** What a client needs to accept one offer over HTTP, and what the bare-SQL side needs to do the same by hand. */
export type TBenchOffer = {
  offerId: string;
  packageId: string;
  providerId: string;
  contractId: string;
  hourlyRate: string;
  token: string;
  tokenId: string;
};

export type TFixture = {
  councilId: string;
  code: string;
  /** Package sets by name: each is a list of offers on distinct packages (the race: 200 on one). */
  sets: Record<string, TBenchOffer[]>;
};

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function buildFixture(db: pg.Client, sizes: Record<string, number>, race: string): Promise<TFixture> {
  const code = `BENCH${Date.now().toString(36).toUpperCase()}`;
  const utcNow = `(now() AT TIME ZONE 'UTC')`;
  await db.query('BEGIN');
  const { rows: council } = await db.query<{ id: string }>(`INSERT INTO "Council" (id, code, name) VALUES (gen_random_uuid(), $1, $2) RETURNING id`, [
    code,
    `Claim bench ${code}`,
  ]);
  const councilId = council[0].id;
  await db.query(`INSERT INTO "Locality" ("councilId", id, code, name) VALUES ($1, gen_random_uuid(), 'L1', 'Bench locality')`, [councilId]);
  // The broker who posted the packages hears of each placement; a digest reader, so the worker
  // sends no emails for the bench.
  await db.query(
    `INSERT INTO "User" (id, email, name, role, "councilId", "emailFrequency") VALUES (gen_random_uuid(), $2 || '@bench.example', 'Bench broker', 'BROKER', $1, 'DIGEST')`,
    [councilId, code.toLowerCase()],
  );
  await db.query(
    `INSERT INTO "Provider" (id, name, "cqcLocationId", "cqcRating")
     SELECT gen_random_uuid(), 'Bench care ' || p, $1 || '-' || p, 'GOOD' FROM generate_series(1, ${PROVIDERS}) p`,
    [code],
  );
  await db.query(`INSERT INTO "CouncilProvider" ("councilId", "providerId") SELECT $1, id FROM "Provider" WHERE "cqcLocationId" LIKE $2 || '-%'`, [
    councilId,
    code,
  ]);
  await db.query(
    `INSERT INTO "Contract" ("councilId", id, reference, "providerId", type, "hourlyRate", "validFrom")
     SELECT $1, gen_random_uuid(), 'SPOT-' || "cqcLocationId", id, 'SPOT', 21.50, DATE '2026-04-01' FROM "Provider" WHERE "cqcLocationId" LIKE $2 || '-%'`,
    [councilId, code],
  );
  // A person for each package, as in a council's market, where a person seldom has more than one
  // package at a time (the market's rollups count people, and read a person's packages to do so).
  await db.query(
    `INSERT INTO "Person" ("councilId", id, "givenName", "familyName", "dateOfBirth", "nhsNumber", "addressLine1", town, postcode, "localityId")
     SELECT $1, gen_random_uuid(), 'Bench', 'Person ' || i, DATE '1930-01-01' + i % 20000, lpad(i::text, 10, '0'), i || ' Bench Street', 'Bradford', 'BD1 1AA', l.id
     FROM generate_series(1, $2::int) i, "Locality" l WHERE l."councilId" = $1`,
    [councilId, Object.values(sizes).reduce((n, c) => n + c, 1)],
  );

  await db.query('ANALYZE "Person"');

  // Tokens: made here, so the bench knows each one; only the hash is stored.
  const { rows: providers } = await db.query<{ id: string; contractId: string }>(
    `SELECT p.id, c.id AS "contractId" FROM "Provider" p JOIN "Contract" c ON c."providerId" = p.id AND c."councilId" = $1 ORDER BY p."cqcLocationId"`,
    [councilId],
  );
  const tokens = providers.map(() => `hf_${randomBytes(32).toString('base64url')}`);
  const { rows: tokenRows } = await db.query<{ id: string; providerId: string }>(
    `INSERT INTO "ApiToken" (id, name, prefix, "tokenHash", role, "providerId", scopes, "expiresAt")
     SELECT gen_random_uuid(), 'claim bench', left(t, 10), h, 'PROVIDER', p, ARRAY['offer:read-own', 'offer:respond'], ${utcNow} + interval '1 day'
     FROM unnest($1::text[], $2::text[], $3::uuid[]) AS x(t, h, p) RETURNING id, "providerId"`,
    [tokens, tokens.map(hashToken), providers.map((p) => p.id)],
  );
  const tokenOf = new Map(tokenRows.map((r, i) => [r.providerId, { token: tokens[i], tokenId: r.id }]));

  // Packages: the set name is in the reference, so each set is read back by prefix. Offer n of a
  // set goes to provider n mod 200; the race package is offered to every provider.
  let made = 0;
  for (const [name, count] of Object.entries({ ...sizes, [race]: 1 })) {
    await db.query(
      `INSERT INTO "Package" ("councilId", id, reference, "personId", "localityId", pathway, status, version, "postedAt", "offerRound", "createdById", "updatedAt")
       SELECT $1, gen_random_uuid(), $2 || '-' || $3 || '-' || lpad(i::text, 6, '0'),
              pe.id,
              (SELECT id FROM "Locality" WHERE "councilId" = $1), 'LONG_TERM', 'OFFERING', 1, ${utcNow}, 1,
              (SELECT id FROM "User" WHERE "councilId" = $1), ${utcNow}
       FROM generate_series(1, $4::int) i JOIN "Person" pe ON pe."councilId" = $1 AND pe."nhsNumber" = lpad(($5::int + i)::text, 10, '0')`,
      [councilId, code, name, count, made],
    );
    await db.query(
      `INSERT INTO "ServiceLine" ("councilId", id, "packageId", type, "hoursPerWeek", "startDate")
       SELECT $1, gen_random_uuid(), id, 'PERSONAL_CARE', 7, current_date FROM "Package" WHERE "councilId" = $1 AND reference LIKE $2 || '-' || $3 || '-%'`,
      [councilId, code, name],
    );
    await db.query(
      `WITH pkg AS (SELECT id, row_number() OVER (ORDER BY reference) - 1 AS n FROM "Package" WHERE "councilId" = $1 AND reference LIKE $2 || '-' || $3 || '-%'),
            prov AS (SELECT p.id, c.id AS "contractId", row_number() OVER (ORDER BY p."cqcLocationId") - 1 AS n
                     FROM "Provider" p JOIN "Contract" c ON c."providerId" = p.id AND c."councilId" = $1)
       INSERT INTO "Offer" ("councilId", id, "packageId", "packageVersion", "providerId", "contractId", round, tier, rank, reasons, "hourlyRate", deadline)
       SELECT $1, gen_random_uuid(), pkg.id, 1, prov.id, prov."contractId", 1, 1, prov.n + 1, ARRAY['Bench'], 21.50, ${utcNow} + interval '1 day'
       FROM pkg JOIN prov ON ($4::boolean OR prov.n = pkg.n % ${PROVIDERS})`,
      [councilId, code, name, name === race],
    );
    made += count;
  }
  await db.query('COMMIT');
  await db.query('ANALYZE "Package", "Offer", "ServiceLine", "ApiToken"');

  const sets: Record<string, TBenchOffer[]> = {};
  const { rows } = await db.query<{ set: string; offerId: string; packageId: string; providerId: string; contractId: string; hourlyRate: string }>(
    `SELECT split_part(p.reference, '-', 2) AS set, o.id AS "offerId", o."packageId", o."providerId", o."contractId", o."hourlyRate"::text AS "hourlyRate"
     FROM "Offer" o JOIN "Package" p ON p."councilId" = o."councilId" AND p.id = o."packageId"
     WHERE o."councilId" = $1 ORDER BY p.reference, o.rank`,
    [councilId],
  );
  for (const r of rows) {
    const { token, tokenId } = tokenOf.get(r.providerId)!;
    (sets[r.set] ??= []).push({
      offerId: r.offerId,
      packageId: r.packageId,
      providerId: r.providerId,
      contractId: r.contractId,
      hourlyRate: r.hourlyRate,
      token,
      tokenId,
    });
  }
  if (Object.values(sets).reduce((n, s) => n + s.length, 0) !== made - 1 + PROVIDERS) throw new Error('The fixture did not come out as built.');
  return { councilId, code, sets };
}
