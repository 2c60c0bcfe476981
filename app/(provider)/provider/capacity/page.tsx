import { requirePageActor } from '@/lib/auth/require-page-actor';
import { getProviderCapacity, STALE_AFTER_DAYS } from '@/lib/provider/provider-capacity';
import { CapacityForm } from './capacity-form';

export const metadata = { title: 'Capacity' };

export default async function CapacityPage() {
  const { actor, db } = await requirePageActor('capacity:declare');
  const councils = await getProviderCapacity(db, actor);
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Your capacity</h1>
        <p className="max-w-3xl text-slate-700">
          The carer-hours a week you can take on, by area and time of day, and the days of the week you can cover there. You are offered work that fits what you
          declare (a package with Saturday visits only goes to providers covering Saturdays), so keep it current: a declaration older than {STALE_AFTER_DAYS}{' '}
          days is marked out of date to you and to brokers.
        </p>
      </div>
      {councils.length === 0 ? <p className="rounded-lg border border-slate-200 bg-white p-4">You hold no contract with any council yet.</p> : null}
      {councils.map(({ council, localities }) => (
        <CapacityForm
          key={council.id}
          councilId={council.id}
          councilName={council.name}
          localities={localities.map((l) => ({ ...l, declaredAt: l.declaredAt?.toISOString() ?? null }))}
        />
      ))}
    </section>
  );
}
