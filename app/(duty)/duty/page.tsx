import { WaitingPackagesTable } from '@/components/waiting-packages-table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { prisma } from '@/lib/db';
import { listWaitingPackages } from '@/lib/package/list-waiting-packages';

export const metadata = { title: 'Duty board' };

export default async function DutyBoard() {
  const actor = await requirePageActor('duty:view');
  const now = new Date();
  const { packages, total } = await listWaitingPackages(prisma, actor, { pathways: ['HOSPITAL_DISCHARGE', 'REABLEMENT'], take: 100 });
  return (
    <section className="space-y-3">
      <h1 className="text-2xl font-semibold">Duty board</h1>
      <p className="text-slate-700">Hospital discharges and reablement waiting for a provider, counted from when the person was ready.</p>
      {total === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4">No discharge or reablement package is waiting.</p>
      ) : (
        <WaitingPackagesTable rows={packages} now={now} caption="Discharge and reablement packages waiting" clockFrom="readyAt" />
      )}
    </section>
  );
}
