import { requirePageActor } from '@/lib/auth/require-page-actor';
import { prisma } from '@/lib/db';

export const metadata = { title: 'Councils' };

export default async function CouncilsPage() {
  await requirePageActor('council:manage');
  const councils = await prisma.council.findMany({
    orderBy: { name: 'asc' },
    select: { id: true, code: true, name: true, _count: { select: { localities: true, providers: true, users: true } } },
  });
  return (
    <section className="space-y-3">
      <h1 className="text-2xl font-semibold">Councils on this platform</h1>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">Councils</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">Council</th>
              <th scope="col" className="px-3 py-2">Code</th>
              <th scope="col" className="px-3 py-2 text-right">Localities</th>
              <th scope="col" className="px-3 py-2 text-right">Providers</th>
              <th scope="col" className="px-3 py-2 text-right">Staff users</th>
            </tr>
          </thead>
          <tbody>
            {councils.map((c) => (
              <tr key={c.id} className="border-t border-slate-200">
                <th scope="row" className="px-3 py-2 text-left font-medium">{c.name}</th>
                <td className="px-3 py-2 font-mono">{c.code}</td>
                <td className="px-3 py-2 text-right">{c._count.localities}</td>
                <td className="px-3 py-2 text-right">{c._count.providers}</td>
                <td className="px-3 py-2 text-right">{c._count.users}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
