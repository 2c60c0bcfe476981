import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ProviderContact } from '@/components/provider-contact';
import { ProviderHistory } from '@/components/provider-history';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { CQC_LABEL } from '@/lib/domain/labels';
import { AppError } from '@/lib/errors/app-error';
import { getProviderRecord } from '@/lib/provider/get-provider-record';
import { formatDay } from '@/lib/time/london';
import { EditProviderForm } from './edit-provider-form';

export const metadata = { title: 'Provider organisation' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function AdminProviderPage({ params }: { params: Promise<{ providerId: string }> }) {
  const { actor, db } = await requirePageActor('provider-org:manage');
  const { providerId } = await params;
  if (!UUID.test(providerId)) notFound();
  let record;
  try {
    record = await getProviderRecord(db, actor, providerId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  return (
    <section className="max-w-4xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link className="underline" href="/admin/providers">
          Provider organisations
        </Link>
      </nav>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{record.name}</h1>
        <p>
          {record.status === 'ACTIVE' ? 'Active' : 'Suspended'} on your register · CQC {CQC_LABEL[record.cqcRating]}
          {record.cqcRatedOn ? ` (${formatDay(record.cqcRatedOn)})` : ''}
        </p>
        <ProviderContact phone={record.phone} email={record.email} name={record.name} />
        {record.reviewFlaggedAt ? (
          <p className="border-l-4 border-amber-600 bg-amber-50 p-2">
            <strong>Review needed:</strong> {record.reviewReason}.{' '}
            <Link className="underline" href={`/providers/${record.id}`}>
              Review it on the provider&apos;s status page
            </Link>
          </p>
        ) : null}
      </header>
      <EditProviderForm
        providerId={record.id}
        values={{
          name: record.name,
          cqcLocationId: record.cqcLocationId,
          phone: record.phone,
          email: record.email,
          skills: record.skills,
          doubleHanded: record.doubleHanded,
          cqcRating: record.cqcRating,
          cqcRatedOn: record.cqcRatedOn ? record.cqcRatedOn.toISOString().slice(0, 10) : null,
        }}
      />
      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        <ProviderHistory history={record.history} ratings={record.ratings} />
      </section>
    </section>
  );
}
