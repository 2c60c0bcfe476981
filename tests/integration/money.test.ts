import fs from 'node:fs';
import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readActualsCsv } from '@/lib/actuals/read-actuals-csv';
import { submitActuals } from '@/lib/actuals/submit-actuals';
import type { TCouncilActor, TProviderActor } from '@/lib/auth/permissions';
import { ledgerCsv, paymentFileCsv } from '@/lib/money/payment-files';
import { checkPaymentRun, createPaymentRun, lockPaymentRun, recomputePaymentRun, setPaymentBasis } from '@/lib/money/payment-run';
import { cldCsv, cldReturn } from '@/lib/money/cld-return';
import { decideVariance, reconcile } from '@/lib/money/reconcile';
import { nextNhsNumber, rejection } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';

// Delivered care in, reconciled, and paid, penny for penny, on a dataset made here: short, late
// and missed calls, a hospital stay with a retainer, a line ended mid-period, a rate uplift on a
// package and an annual contract uplift mid-period, a package split between council and ICB with
// a line of its own share, paid by actuals (LOCALITY) and by commissioned hours (SPOT).

let prisma: PrismaClient;
let councilId: string;
let finance: TCouncilActor;
let providerA: TProviderActor;
let providerB: TProviderActor;
const lines: Record<string, string> = {};

const fixture = (name: string) => readActualsCsv(fs.readFileSync(`tests/fixtures/actuals/${name}`, 'utf8'));
const d = (day: string) => new Date(`${day}T00:00:00Z`);

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  const council = await prisma.council.create({ data: { code: 'MNY', name: 'Money Council' } });
  councilId = council.id;
  await prisma.councilSetting.create({ data: { councilId, lateCallMinutes: 30, laCode: 'E08000099' } });
  const locality = await prisma.locality.create({ data: { councilId, code: 'MNY-L1', name: 'Money L1' } });
  const user = await prisma.user.create({ data: { email: 'finance@mny.example', name: 'Fran Finance', role: 'ADMIN', councilId } });
  finance = { userId: user.id, email: user.email, name: user.name, role: 'ADMIN', councilId, providerId: null, providerManager: false, mfaEnabled: true };
  const provider = async (name: string, type: 'LOCALITY' | 'SPOT', rate: number) => {
    const p = await prisma.provider.create({ data: { name, cqcLocationId: `MNY-${name}`, cqcRating: 'GOOD' } });
    await prisma.councilProvider.create({ data: { councilId, providerId: p.id } });
    const c = await prisma.contract.create({
      data: { councilId, reference: `MNY-${type}`, providerId: p.id, type, hourlyRate: rate, validFrom: d('2025-04-01') },
    });
    return { providerId: p.id, contractId: c.id };
  };
  const a = await provider('Alpha Care', 'LOCALITY', 21);
  const b = await provider('Beta Care', 'SPOT', 23);
  // The annual uplift: Alpha's contract rate rises from 18 January 2027.
  await prisma.contractRate.create({ data: { councilId, contractId: a.contractId, validFrom: d('2027-01-18'), hourlyRate: 22.5, reason: 'Annual uplift' } });
  const who = (providerId: string): TProviderActor => ({
    userId: user.id,
    email: 'p@example.org',
    name: 'Pat',
    role: 'PROVIDER',
    councilId: null,
    providerId,
    providerManager: true,
    mfaEnabled: false,
  });
  providerA = who(a.providerId);
  providerB = who(b.providerId);
  await setPaymentBasis(prisma, finance, { contractType: 'LOCALITY', basis: 'ACTUALS' });
  await setPaymentBasis(prisma, finance, { contractType: 'SPOT', basis: 'COMMISSIONED' });

  const pkg = async (
    n: number,
    holder: { providerId: string; contractId: string },
    line: { type: 'PERSONAL_CARE' | 'DOMESTIC'; hours: number; start: string; end?: string },
    visit: { days: ('MON' | 'TUE' | 'WED' | 'THU' | 'FRI')[]; start: string },
    more: { funding?: 'COUNCIL' | 'ICB'; rateUplift?: number; icbSharePercent?: number } = {},
  ) => {
    const person = await prisma.person.create({
      data: {
        councilId,
        givenName: `Person${n}`,
        familyName: 'Money',
        dateOfBirth: d('1940-01-01'),
        nhsNumber: nextNhsNumber(),
        addressLine1: `${n} Test Street`,
        town: 'Bradford',
        postcode: 'BD1 1HY',
        localityId: locality.id,
      },
    });
    const p = await prisma.package.create({
      data: {
        councilId,
        reference: `MNY-${String(n).padStart(6, '0')}`,
        personId: person.id,
        localityId: locality.id,
        pathway: 'LONG_TERM',
        funding: more.funding ?? 'COUNCIL',
        status: 'PLACED',
        rateUplift: more.rateUplift,
        icbSharePercent: more.icbSharePercent,
        placedAt: d('2026-10-01'),
      },
    });
    await prisma.visit.create({ data: { councilId, packageId: p.id, days: visit.days, start: visit.start, minutes: 60, carers: 1 } });
    const l = await prisma.serviceLine.create({
      data: {
        councilId,
        packageId: p.id,
        type: line.type,
        hoursPerWeek: line.hours,
        startDate: d(line.start),
        endDate: line.end ? d(line.end) : null,
        providerId: holder.providerId,
        contractId: holder.contractId,
        hourlyRate: 21,
      },
    });
    await prisma.placement.create({
      data: { councilId, packageId: p.id, providerId: holder.providerId, contractId: holder.contractId, startedAt: d('2026-10-01') },
    });
    lines[p.reference] = l.id;
    return p;
  };
  // P1: Alpha, by actuals, a £1.50 rate uplift on the package.
  await pkg(1, a, { type: 'PERSONAL_CARE', hours: 3, start: '2026-12-01' }, { days: ['MON', 'WED', 'FRI'], start: '07:30' }, { rateUplift: 1.5 });
  // P2: Beta, commissioned, ICB-funded, its line ends on 20 January.
  await pkg(2, b, { type: 'DOMESTIC', hours: 2.5, start: '2026-11-01', end: '2027-01-20' }, { days: ['MON'], start: '10:00' }, { funding: 'ICB' });
  // P3: Beta, commissioned, in hospital 11–24 January with a 7-day retainer.
  const p3 = await pkg(3, b, { type: 'PERSONAL_CARE', hours: 7, start: '2026-10-01' }, { days: ['MON', 'WED', 'FRI'], start: '12:00' });
  const placement = await prisma.placement.findFirstOrThrow({ where: { councilId, packageId: p3.id } });
  await prisma.hospitalStay.create({
    data: {
      councilId,
      packageId: p3.id,
      placementId: placement.id,
      providerId: b.providerId,
      admittedOn: d('2027-01-11'),
      retainerUntil: d('2027-01-17'),
      returnedOn: d('2027-01-25'),
      outcome: 'RESUMED',
    },
  });
  // P4: Alpha, by actuals, its line ended on 13 January; care sent for the 15th too.
  await pkg(4, a, { type: 'PERSONAL_CARE', hours: 2, start: '2026-12-01', end: '2027-01-13' }, { days: ['MON', 'FRI'], start: '09:00' });
  // P5: Beta, commissioned, split: the ICB pays 33.33% of the package, and all of its domestic line.
  const p5 = await pkg(5, b, { type: 'PERSONAL_CARE', hours: 3, start: '2026-12-01' }, { days: ['TUE', 'THU'], start: '17:00' }, { icbSharePercent: 33.33 });
  const domestic = await prisma.serviceLine.create({
    data: {
      councilId,
      packageId: p5.id,
      type: 'DOMESTIC',
      hoursPerWeek: 1,
      startDate: d('2026-12-01'),
      providerId: b.providerId,
      contractId: b.contractId,
      hourlyRate: 21,
      icbSharePercent: 100,
    },
  });
  lines['MNY-000005-DOMESTIC'] = domestic.id;
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('actuals in', () => {
  it('names the field of each bad row, saves nothing, and keeps the refused file for the provider', async () => {
    const dry = await submitActuals(prisma, providerA, { source: 'CSV', fileName: 'bad.csv', rows: fixture('week-visits-bad.csv'), apply: false });
    expect(dry.status).toBe('REFUSED');
    expect(dry.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'package_reference'], // MNY-000002 is Beta's
      [4, 'actual_end'], // the actual end is before the actual start
      [5, 'actual_start'], // "9.00" is not a time
    ]);
    expect(dry.errors[0].message).toBe('MNY-000002 is not a package you hold on 2027-01-06');
    const applied = await submitActuals(prisma, providerA, { source: 'CSV', fileName: 'bad.csv', rows: fixture('week-visits-bad.csv'), apply: true });
    expect(applied.status).toBe('REFUSED');
    expect(await prisma.actual.count({ where: { councilId } })).toBe(0);
    expect(await prisma.actualsSubmission.findMany({ where: { providerId: providerA.providerId }, select: { status: true } })).toEqual([{ status: 'REFUSED' }]);
  });

  it('applies a good file once: sending it again changes nothing', async () => {
    const first = await submitActuals(prisma, providerA, { source: 'CSV', fileName: 'week.csv', rows: fixture('week-visits.csv'), apply: true });
    expect(first).toMatchObject({ status: 'APPLIED', changed: 8, errors: [] });
    const before = await prisma.actual.findMany({ where: { councilId }, orderBy: [{ day: 'asc' }, { slot: 'asc' }] });
    const submissions = await prisma.actualsSubmission.count();
    const again = await submitActuals(prisma, providerA, { source: 'CSV', fileName: 'week-again.csv', rows: fixture('week-visits.csv'), apply: true });
    expect(again).toMatchObject({ status: 'ALREADY_APPLIED', submissionId: first.submissionId, changed: 0 });
    expect(await prisma.actual.findMany({ where: { councilId }, orderBy: [{ day: 'asc' }, { slot: 'asc' }] })).toEqual(before);
    expect(await prisma.actualsSubmission.count()).toBe(submissions);
    // The short call counts 40 carer-minutes; the missed one none.
    expect(before.map((a) => a.carerMinutes)).toEqual([60, 40, 60, 60, 60, 60, 0, 60]);
  });
});

describe('reconciliation and payment', () => {
  let runId: string;

  it('finds each variance, and the council decides them', async () => {
    await reconcile(prisma, finance, { from: '2027-01-04', to: '2027-02-01' });
    const found = await prisma.variance.findMany({ where: { councilId }, orderBy: [{ day: 'asc' }, { kind: 'asc' }] });
    const key = (v: (typeof found)[number]) => `${v.kind} ${v.day.toISOString().slice(0, 10)} ${v.slot}`;
    const p1 = found.filter((v) => v.serviceLineId === lines['MNY-000001']).map(key);
    expect(p1).toEqual([
      'SHORT 2027-01-06 07:30',
      'LATE 2027-01-08 07:30',
      'MISSED 2027-01-11 07:30', // nothing sent for it
      'MISSED 2027-01-13 07:30',
      'MISSED 2027-01-15 07:30',
      'MISSED 2027-01-20 07:30', // sent as missed
      'MISSED 2027-01-25 07:30',
      'MISSED 2027-01-27 07:30',
      'MISSED 2027-01-29 07:30',
    ]);
    const after = found.find((v) => v.kind === 'AFTER_LINE_END');
    expect(after && key(after)).toBe('AFTER_LINE_END 2027-01-15 09:00');
    expect(found.find((v) => v.kind === 'LATE')?.lateMinutes).toBe(45);
    // No visit was due in hospital: P3 has no missed visits from 11 to 24 January.
    const p3 = found.filter((v) => v.serviceLineId === lines['MNY-000003']).map((v) => v.day.toISOString().slice(0, 10));
    expect(p3.filter((day) => day >= '2027-01-11' && day < '2027-01-25')).toEqual([]);
    const rejected = await rejection(decideVariance(prisma, finance, { varianceId: after!.id, decision: 'REJECTED' }));
    expect(rejected.fieldErrors?.reason).toEqual(['Give the reason for querying or rejecting it']);
    await decideVariance(prisma, finance, { varianceId: after!.id, decision: 'REJECTED', reason: 'The line had ended' });
  });

  it('pays each provider what a recount by hand says, penny for penny', async () => {
    const run = await createPaymentRun(prisma, finance, { periodStart: '2027-01-04', cycle: 'FOUR_WEEKLY' });
    runId = run.runId;
    // Alpha, by actuals at the contract rate that day plus P1's £1.50 uplift:
    //   P1 4–8 Jan: 60 + 40 + 60 carer-minutes at £22.50 = £60.00
    //   P1 18–22 Jan (after the uplift to £22.50): 60 + 60 at £24.00 = £48.00 (the missed call pays nothing)
    //   P4 11 Jan: 60 at £21.00 = £21.00; 15 Jan was after its line ended and rejected: nothing
    const alpha = 6000 + 4800 + 2100;
    // Beta, by commissioned hours at £23.00:
    //   P2: 2.5 h/wk for 16 days (4–19 Jan, its line ended on the 20th) = 2.5 × 16 / 7 × 23 = £131.428… → £131.43 (ICB)
    //   P3: 7 h/wk for the 14 days out of hospital = £322.00, and a retainer for 11–17 Jan, 7 days = £161.00
    //   P5, split, 28 days: personal care 3 h/wk = £276.00, of which the ICB's 33.33% is 9199.08p → 9199p and the
    //   council's 66.67% 18400.92p → 18400p, the council taking the penny left over: 18401p; domestic 1 h/wk = £92.00, all ICB
    const beta = 13143 + 32200 + 16100 + 27600 + 9200;
    const totals = await prisma.paymentLine.groupBy({ by: ['providerId'], where: { councilId, runId }, _sum: { amount: true } });
    const pence = Object.fromEntries(totals.map((t) => [t.providerId, Math.round(Number(t._sum.amount) * 100)]));
    expect(pence).toEqual({ [providerA.providerId]: alpha, [providerB.providerId]: beta });
    expect(run.total).toBe(((alpha + beta) / 100).toFixed(2));
    const retainer = await prisma.paymentLine.findMany({ where: { councilId, runId, kind: 'RETAINER' } });
    expect(retainer.map((r) => [r.fromDate.toISOString().slice(0, 10), r.toDate.toISOString().slice(0, 10), r.amount.toFixed(2)])).toEqual([
      ['2027-01-11', '2027-01-18', '161.00'],
    ]);
    const icb = await prisma.paymentLine.findMany({ where: { councilId, runId, funder: 'ICB' } });
    expect(icb.map((r) => r.amount.toFixed(2)).sort()).toEqual(['131.43', '91.99', '92.00']);
    const p5 = await prisma.paymentLine.findMany({ where: { councilId, runId, serviceLineId: lines['MNY-000005'] }, orderBy: { funder: 'asc' } });
    expect(p5.map((r) => [r.funder, r.amount.toFixed(2)])).toEqual([
      ['COUNCIL', '184.01'],
      ['ICB', '91.99'],
    ]);
    // The general ledger gives each cost code's amount by funder; the payment file each line's split.
    const ledger = (await ledgerCsv(prisma, councilId, 'Money Council', runId)).csv.split(/\r?\n/).filter((l) => l.startsWith('HC-'));
    expect(ledger.map((l) => l.split(',')).map((c) => [c[0], c[1], c[5]])).toEqual([
      ['HC-LOCALITY-PC', 'COUNCIL', '129.00'],
      ['HC-SPOT-DM', 'ICB', '223.43'],
      ['HC-SPOT-PC', 'COUNCIL', '667.01'],
      ['HC-SPOT-PC', 'ICB', '91.99'],
    ]);
    const file = (await paymentFileCsv(prisma, councilId, 'Money Council', runId)).csv;
    expect(file).toContain('COUNCIL 184.01; ICB 91.99');
    const rates = await prisma.paymentLine.findMany({ where: { councilId, runId, serviceLineId: lines['MNY-000001'] }, orderBy: { fromDate: 'asc' } });
    expect(rates.map((r) => [r.hourlyRate.toFixed(2), r.hours.toFixed(4), r.amount.toFixed(2)])).toEqual([
      ['22.50', '2.6667', '60.00'],
      ['24.00', '2.0000', '48.00'],
    ]);
    // The database never lets a line be paid twice for a day, whatever writes it.
    const { id: _id, ...paid } = rates[0];
    const again = await prisma.paymentLine
      .create({ data: { ...paid, fromDate: new Date('2027-01-07'), toDate: new Date('2027-01-09') } })
      .catch((e: unknown) => e);
    expect(String(again)).toContain('PaymentLine_paid_once');
    expect(await prisma.paymentLine.count({ where: { councilId, runId, serviceLineId: lines['MNY-000001'] } })).toBe(2);
  });

  it('locks a checked run, which then never changes, and refuses a run over its days', async () => {
    await checkPaymentRun(prisma, finance, { runId });
    await lockPaymentRun(prisma, finance, { runId });
    expect((await rejection(recomputePaymentRun(prisma, finance, { runId }))).code).toBe('CONFLICT');
    await expect(prisma.paymentLine.updateMany({ where: { councilId, runId }, data: { amount: 0 } })).rejects.toThrow(/locked/);
    await expect(prisma.paymentLine.deleteMany({ where: { councilId, runId } })).rejects.toThrow(/locked/);
    await expect(prisma.paymentRun.update({ where: { councilId_id: { councilId, id: runId } }, data: { total: 0 } })).rejects.toThrow(/locked/);
    const overlap = await rejection(createPaymentRun(prisma, finance, { periodStart: '2027-01-18', cycle: 'FOUR_WEEKLY' }));
    expect(overlap.code).toBe('CONFLICT');
    expect(overlap.fieldErrors?.periodStart).toEqual(['Another payment run already covers some of these days']);
  });

  it('puts corrections to a locked period into the next run as adjustments, recomputing only the lines they changed', async () => {
    // Alpha corrects the short call of 6 January: it was the full hour.
    const rows = readActualsCsv(
      'Client Reference,Visit Date,Scheduled Start,Scheduled End,Call In,Call Out,Number of Carers\nMNY-000001,2027-01-06,07:30,08:30,07:30,08:30,1\n',
    );
    expect(await submitActuals(prisma, providerA, { source: 'API', rows, apply: true })).toMatchObject({ status: 'APPLIED', changed: 1 });
    // The council rejects the call of 8 January, 45 minutes late, after the run was locked.
    const late = await prisma.variance.findFirstOrThrow({ where: { councilId, kind: 'LATE', serviceLineId: lines['MNY-000001'] } });
    await decideVariance(prisma, finance, { varianceId: late.id, decision: 'REJECTED', reason: 'Not the time agreed' });
    // Only P1's line changed since the locked run was worked out: it is the only line recomputed.
    const locked = await prisma.paymentRun.findFirstOrThrow({ where: { councilId, id: runId } });
    const changed = await prisma.paymentLineChange.findMany({ where: { councilId, changedAt: { gte: locked.inputsAsOf! } } });
    expect(changed.map((c) => c.serviceLineId)).toEqual([lines['MNY-000001']]);
    const next = await createPaymentRun(prisma, finance, { periodStart: '2027-02-01', cycle: 'FOUR_WEEKLY' });
    const adjustments = await prisma.paymentLine.findMany({ where: { councilId, runId: next.runId, kind: 'ADJUSTMENT' } });
    // 20 more carer-minutes on 6 January at £22.50 = £7.50, less the rejected hour of 8 January at £22.50 = £22.50: £15.00 back.
    expect(adjustments.map((a) => [a.serviceLineId, a.funder, a.amount.toFixed(2)])).toEqual([[lines['MNY-000001'], 'COUNCIL', '-15.00']]);
    // The locked run still says what it said.
    expect(locked.total.toFixed(2)).toBe('1111.43');
    // Nothing changed since this run was worked out: the run after it adjusts nothing.
    await checkPaymentRun(prisma, finance, { runId: next.runId });
    await lockPaymentRun(prisma, finance, { runId: next.runId });
    const third = await createPaymentRun(prisma, finance, { periodStart: '2027-03-01', cycle: 'FOUR_WEEKLY' });
    expect(await prisma.paymentLine.count({ where: { councilId, runId: third.runId, kind: 'ADJUSTMENT' } })).toBe(0);
  });
});

describe('Client Level Data', () => {
  it("gives one row per person and service in the quarter, in the specification's order", async () => {
    const { rows, errors } = await cldReturn(prisma, councilId, { quarter: '2027-01-01' });
    expect(errors).toEqual([]);
    const byRef = rows
      .map((r) => [r.Event_Reference, r.Event_Start_Date, r.Event_End_Date, r.Planned_Units_Per_Week, r.Unit_Cost, r.Client_Funding_Status])
      .sort();
    expect(byRef).toEqual([
      ['MNY-000001-PERSONAL_CARE', '2026-12-01', '', '3.00', '24.00', 'Fully Local Authority funded'],
      ['MNY-000002-DOMESTIC', '2026-11-01', '2027-01-19', '2.50', '23.00', 'Fully NHS funded (CHC)'],
      ['MNY-000003-PERSONAL_CARE', '2026-10-01', '', '7.00', '23.00', 'Fully Local Authority funded'],
      ['MNY-000004-PERSONAL_CARE', '2026-12-01', '2027-01-12', '2.00', '22.50', 'Fully Local Authority funded'],
      ['MNY-000005-DOMESTIC', '2026-12-01', '', '1.00', '23.00', 'Fully Local Authority funded'],
      ['MNY-000005-PERSONAL_CARE', '2026-12-01', '', '3.00', '23.00', 'Fully Local Authority funded'],
    ]);
    const header = cldCsv('MNY', '2027-01-01', rows).csv.split('\n')[0];
    // Release 1's fields, in the specification's order: every one is in the file, blank where the platform does not hold it.
    expect(header.split(',')).toEqual(
      (
        'LA_Code Reporting_Period_Start_Date Reporting_Period_End_Date NHS_Number LA_Person_Unique_Identifier First_Name Last_Name ' +
        'GP_Practice_Name GP_Practice_Code Gender Ethnicity Date_of_Birth Date_of_Death Client_Type Primary_Support_Reason Postcode ' +
        'Accommodation_Status Employment_Status Has_Unpaid_Carer Autism_Spectrum_Disorder_ASD Visual_Impairment Hearing_Impairment Dementia ' +
        'Client_Funding_Status Event_Type Event_Reference Event_Start_Date Event_End_Date Event_Description Event_Outcome ' +
        'Request_Route_of_Access Assessment_Type Eligible_Needs_Identified Method_of_Assessment Total_Hrs_Caring_Per_Week ' +
        'No_of_adults_being_cared_for Adult_1_Linked_Person_ID Adult_2_Linked_Person_ID Adult_3_Linked_Person_ID Service_Type ' +
        'Service_Component Delivery_Mechanism Provider_CQC_Location_Name Provider_CQC_Location_ID Review_Reason Review_Outcomes_Achieved ' +
        'Method_of_Review Unit_Cost Cost_Frequency_Unit_Type Planned_Units_Per_Week'
      ).split(' '),
    );
    const first = cldCsv('MNY', '2027-01-01', rows).csv.split('\n')[1].split(',');
    expect(first).toHaveLength(50);
    expect(rows.every((r) => r.First_Name !== '' && r.Provider_CQC_Location_ID !== '' && r.Gender === '')).toBe(true);
    expect(rows[0].LA_Code).toBe('E08000099');
    expect(rows[0].Reporting_Period_End_Date).toBe('2027-03-31');
  });

  it('refuses rows missing a mandatory field, naming it', async () => {
    const p3 = await prisma.package.findFirstOrThrow({ where: { councilId, reference: 'MNY-000003' } });
    await prisma.person.update({ where: { councilId_id: { councilId, id: p3.personId } }, data: { postcode: ' ' } });
    await prisma.serviceLine.update({ where: { councilId_id: { councilId, id: lines['MNY-000004'] } }, data: { contractId: null, hourlyRate: null } });
    const { rows, errors } = await cldReturn(prisma, councilId, { quarter: '2027-01-01' });
    expect(errors.map((e) => [e.package, e.fields]).sort()).toEqual([
      ['MNY-000003', ['Postcode']],
      ['MNY-000004', ['Unit_Cost']],
    ]);
    expect(rows.map((r) => r.Event_Reference).sort()).toEqual([
      'MNY-000001-PERSONAL_CARE',
      'MNY-000002-DOMESTIC',
      'MNY-000005-DOMESTIC',
      'MNY-000005-PERSONAL_CARE',
    ]);
  });
});
