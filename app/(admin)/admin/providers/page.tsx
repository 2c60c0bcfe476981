import { requirePageActor } from '@/lib/auth/require-page-actor';
import { prisma } from '@/lib/db';
import { listCouncilProviders } from '@/lib/provider/council-providers';
import { RegisterProviderForm } from './register-provider-form';

export const metadata = { title: 'Provider organisations' };

const RATING: Record<string, string> = { OUTSTANDING: 'Outstanding', GOOD: 'Good', REQUIRES_IMPROVEMENT: 'Requires improvement', INADEQUATE: 'Inadequate', NOT_RATED: 'Not yet rated' };

export default async function ProvidersPage() {
  const actor = await requirePageActor('provider-org:manage');
  const providers = await listCouncilProviders(prisma, actor);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Provider organisations</h1>
      <p className="text-slate-700">The {providers.length} organisations on your council’s register.</p>
      <RegisterProviderForm />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">Registered provider organisations</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">Organisation</th>
              <th scope="col" className="px-3 py-2">CQC</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2">Two carers</th>
              <th scope="col" className="px-3 py-2">Skills</th>
              <th scope="col" className="px-3 py-2 text-right">Contracts</th>
              <th scope="col" className="px-3 py-2 text-right">Users</th>
            </tr>
          </thead>
          <tbody>
            {providers.map((p) => (
              <tr key={p.id} className="border-t border-slate-200">
                <th scope="row" className="px-3 py-2 text-left font-medium">{p.name}</th>
                <td className="px-3 py-2">{RATING[p.cqcRating]} <span className="font-mono text-xs">{p.cqcLocationId}</span></td>
                <td className="px-3 py-2">{p.status === 'ACTIVE' ? 'Active' : `Suspended${p.statusReason ? `: ${p.statusReason}` : ''}`}</td>
                <td className="px-3 py-2">{p.doubleHanded ? 'Yes' : 'No'}</td>
                <td className="px-3 py-2">{p.skills.map((s) => s.toLowerCase().replace(/_/g, ' ')).join(', ') || '—'}</td>
                <td className="px-3 py-2 text-right">{p.contracts}</td>
                <td className="px-3 py-2 text-right">{p.users}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
