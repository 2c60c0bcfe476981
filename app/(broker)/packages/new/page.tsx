import { requirePageActor } from '@/lib/auth/require-page-actor';
import { getPackageFormChoices } from '@/lib/package/get-package-form-choices';
import { getLongTermStart } from '@/lib/reablement/get-recorded-outcome';
import { getPersonForNewPackage } from '@/lib/person/get-person-record';
import { PackageForm } from './package-form';

export const metadata = { title: 'New package' };

export default async function NewPackagePage({ searchParams }: { searchParams: Promise<{ after?: string | string[]; person?: string | string[] }> }) {
  const { actor, db } = await requirePageActor('package:write');
  const { after, person } = await searchParams;
  // "Start a long-term package" after reablement: the form starts with that person and locality.
  // "Start a new package" from a person's page: the form starts with them.
  const [{ localities, hospitals, providers, skills }, start, forPerson] = await Promise.all([
    getPackageFormChoices(db, actor),
    typeof after === 'string' && after.length <= 40 ? getLongTermStart(db, actor, after) : null,
    typeof person === 'string' ? getPersonForNewPackage(db, actor, person) : null,
  ]);
  const first = start ?? forPerson;
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">New package</h1>
      <p className="max-w-3xl text-slate-700">
        Describe the care: who it is for, where, the visits and the typed service lines. Preview who it will be offered to, then post it: the first round of
        offers goes out at once and moves down the cascade by itself.
      </p>
      {start ? (
        <p role="status" className="border-l-4 border-brand-700 bg-brand-50 p-3">
          A long-term package for {start.person.givenName} {start.person.familyName}, after reablement {start.after}.
        </p>
      ) : forPerson ? (
        <p role="status" className="border-l-4 border-brand-700 bg-brand-50 p-3">
          A new package for {forPerson.person.givenName} {forPerson.person.familyName}.
        </p>
      ) : null}
      <PackageForm
        localities={localities}
        hospitals={hospitals}
        providers={providers}
        skills={skills}
        today={new Date().toISOString().slice(0, 10)}
        start={first ? { person: first.person, localityId: first.localityId } : undefined}
      />
    </section>
  );
}
