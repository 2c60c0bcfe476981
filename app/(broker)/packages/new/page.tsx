import { requirePageActor } from '@/lib/auth/require-page-actor';
import { PackageForm } from './package-form';

export const metadata = { title: 'New package' };

export default async function NewPackagePage() {
  const { actor, db } = await requirePageActor('package:write');
  const councilId = actor.councilId ?? '';
  const [localities, hospitals, providers] = await Promise.all([
    db.locality.findMany({ where: { councilId }, orderBy: { name: 'asc' }, select: { id: true, name: true, rural: true } }),
    db.hospital.findMany({ where: { councilId }, orderBy: { name: 'asc' }, select: { id: true, name: true, code: true } }),
    db.councilProvider.findMany({
      where: { councilId, status: 'ACTIVE' },
      orderBy: { provider: { name: 'asc' } },
      select: { provider: { select: { id: true, name: true, skills: true } } },
    }),
  ]);
  const skills = [...new Set(providers.flatMap((p) => p.provider.skills))].sort();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">New package</h1>
      <p className="max-w-3xl text-slate-700">
        Describe the care: who it is for, where, the visits and the typed service lines. Preview who it will be offered to, then post it: the first round of
        offers goes out at once and moves down the cascade by itself.
      </p>
      <PackageForm
        localities={localities}
        hospitals={hospitals}
        providers={providers.map((p) => ({ id: p.provider.id, name: p.provider.name }))}
        skills={skills}
        today={new Date().toISOString().slice(0, 10)}
      />
    </section>
  );
}
