import Link from 'next/link';
import { headers } from 'next/headers';
import { VisitList } from '@/components/person-details';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { requestIp } from '@/lib/auth/request-ip';
import { londonDateAndTime } from '@/lib/time/london';
import { AppError } from '@/lib/errors/app-error';
import { formatHours } from '@/lib/format';
import { getPackageForStaff } from '@/lib/package/get-package-for-staff';
import { SplitForm } from './split-form';
import { isLive } from '@/lib/domain/package-status';
import { SubmitButton, TextInput } from '@/components/form';

export const metadata = { title: 'Split reablement from a package' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SplitPage({ searchParams }: { searchParams: SearchParams }) {
  const { actor, db } = await requirePageActor('package:write');
  const raw = (await searchParams).reference;
  const reference = (Array.isArray(raw) ? raw[0] : raw)?.trim().toUpperCase();
  const heading = <h1 className="text-2xl font-semibold">Reablement alongside a long-term package</h1>;
  const finder = (
    <form method="get" action="/duty/split" className="flex flex-wrap items-end gap-3">
      <TextInput
        id="reference"
        name="reference"
        label="Long-term package reference"
        defaultValue={reference}
        placeholder="BDC-000123"
        inputClassName="font-mono"
      />
      <SubmitButton>Find</SubmitButton>
    </form>
  );
  if (!reference)
    return (
      <section className="space-y-4">
        {heading}
        {finder}
      </section>
    );

  let pkg;
  try {
    pkg = await getPackageForStaff(db, actor, reference, requestIp(await headers()));
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      return (
        <section className="space-y-4">
          {heading}
          <p role="alert" className="border-l-4 border-red-700 bg-red-50 p-3">
            There is no package {reference} in your council. Check the reference.
          </p>
          {finder}
        </section>
      );
    }
    throw error;
  }
  const provider = pkg.placements.find((p) => p.endedAt === null)?.provider.name ?? null;
  const splittable = pkg.pathway === 'LONG_TERM' && isLive(pkg.status);
  const now = new Date();
  const ready = londonDateAndTime(now);
  const lines = pkg.serviceLines.filter((l) => l.endDate === null || l.endDate > new Date(`${ready.date}T00:00:00Z`));
  return (
    <section className="space-y-4">
      {heading}
      {splittable ? (
        <>
          <p className="max-w-3xl text-slate-700">
            The reablement becomes a package of its own for {pkg.person.givenName} {pkg.person.familyName}, offered first to the STEP providers.{' '}
            <Link href={`/packages/${pkg.reference}`} className="underline">
              {pkg.reference}
            </Link>
            {provider ? ` stays with ${provider}` : ' stays as it is'}: its visits and service lines do not change, and when reablement ends the person is
            handed back to it.
          </p>
          <section aria-labelledby="current" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="current" className="text-lg font-semibold">
              What {provider ?? 'the provider'} keeps delivering
            </h2>
            <ul className="list-inside list-disc text-sm">
              {lines.map((l) => (
                <li key={l.id}>
                  {l.type.toLowerCase().replace(/_/g, ' ')}: {formatHours(Number(l.hoursPerWeek))} hours a week
                </li>
              ))}
            </ul>
            <VisitList visits={pkg.visits} />
          </section>
          <SplitForm packageId={pkg.id} reference={pkg.reference} readyDate={ready.date} readyTime={ready.time} today={ready.date} />
        </>
      ) : (
        <>
          <p role="alert" className="border-l-4 border-amber-600 bg-amber-50 p-3">
            {pkg.reference} is {pkg.pathway === 'LONG_TERM' ? `not being delivered (${pkg.status.toLowerCase().replace('_', ' ')})` : 'not a long-term package'}
            : reablement can only be split from a long-term package a provider is delivering. Post a reablement package instead.
          </p>
          {finder}
        </>
      )}
    </section>
  );
}
