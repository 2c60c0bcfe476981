import Link from 'next/link';
import { Pager, PAGE_SIZE, pageFrom } from '@/components/pager';
import { WaitingPackagesTable } from '@/components/waiting-packages-table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { prisma } from '@/lib/db';
import { listWaitingPackages } from '@/lib/package/list-waiting-packages';

export const metadata = { title: 'Packages' };

export default async function BrokerHome({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requirePageActor('package:read');
  const { page: pageParam } = await searchParams;
  const first = await listWaitingPackages(prisma, actor, { includeDrafts: true, take: 0 });
  const { page, pages, skip } = pageFrom(pageParam, first.total);
  const { packages, total } = await listWaitingPackages(prisma, actor, { includeDrafts: true, take: PAGE_SIZE, skip });
  const now = new Date();
  return (
    <section className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Packages waiting for a provider</h1>
        <Link href="/packages/new" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">New package</Link>
      </div>
      <p className="text-slate-700">{total} packages, longest wait first, with drafts at the end.</p>
      {total === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4">Nothing is waiting: every posted package has a provider.</p>
      ) : (
        <WaitingPackagesTable rows={packages} now={now} caption="Packages waiting, longest wait first" />
      )}
      <Pager page={page} pages={pages} href={(n) => `/broker?page=${n}`} label="Packages pages" />
    </section>
  );
}
