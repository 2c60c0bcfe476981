import { requirePageActor } from '@/lib/auth/require-page-actor';
import { getPackageFormChoices } from '@/lib/package/get-package-form-choices';
import { PackageForm } from './package-form';

export const metadata = { title: 'New package' };

export default async function NewPackagePage() {
  const { actor, db } = await requirePageActor('package:write');
  const { localities, hospitals, providers, skills } = await getPackageFormChoices(db, actor);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">New package</h1>
      <p className="max-w-3xl text-slate-700">
        Describe the care: who it is for, where, the visits and the typed service lines. Preview who it will be offered to, then post it: the first round of
        offers goes out at once and moves down the cascade by itself.
      </p>
      <PackageForm localities={localities} hospitals={hospitals} providers={providers} skills={skills} today={new Date().toISOString().slice(0, 10)} />
    </section>
  );
}
