import Link from 'next/link';
import { notFound } from 'next/navigation';
import { pathText } from '@/lib/security/path-text';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { getContract } from '@/lib/contract/get-contract';
import { contractChoices } from '@/lib/contract/list-contracts';
import { AppError } from '@/lib/errors/app-error';
import { ContractForm } from '../../contract-form';

export const metadata = { title: 'Vary a contract' };

const iso = (d: Date) => d.toISOString().slice(0, 10);

export default async function VaryContractPage({ params }: { params: Promise<{ reference: string }> }) {
  const { actor, db } = await requirePageActor('contract:manage');
  const reference = pathText((await params).reference);
  if (reference === null) notFound();
  let contract;
  try {
    contract = await getContract(db, actor, reference);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  const choices = await contractChoices(db, actor);
  return (
    <section className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link className="underline" href={`/contracts/${encodeURIComponent(contract.reference)}`}>
          Contract {contract.reference}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold break-words">Vary contract {contract.reference}</h1>
      <ContractForm
        choices={choices}
        initial={{
          contractId: contract.id,
          reference: contract.reference,
          providerName: contract.providerName,
          type: contract.type,
          hospitalId: contract.hospitalId,
          localityIds: contract.localities.map((l) => l.id),
          targetShares: Object.fromEntries(contract.localities.flatMap((l) => (l.targetShare === null ? [] : [[l.id, l.targetShare]]))),
          validFrom: iso(contract.validFrom),
          validTo: contract.validTo ? iso(contract.validTo) : null,
        }}
      />
    </section>
  );
}
