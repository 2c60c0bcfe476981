import Link from 'next/link';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { contractChoices } from '@/lib/contract/list-contracts';
import { ContractForm } from '../contract-form';

export const metadata = { title: 'Register a contract' };

export default async function NewContractPage() {
  const { actor, db } = await requirePageActor('contract:manage');
  const choices = await contractChoices(db, actor);
  return (
    <section className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link className="underline" href="/contracts">
          Contracts
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">Register a contract</h1>
      <p className="max-w-3xl text-slate-700">
        A provider is offered packages only under a contract in force covering the package&apos;s locality. A locality contract puts its holder first for
        long-term care in its localities.
      </p>
      {choices.providers.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4">
          No provider is on your council&apos;s register yet. An administrator adds providers under Providers first.
        </p>
      ) : (
        <ContractForm choices={choices} />
      )}
    </section>
  );
}
