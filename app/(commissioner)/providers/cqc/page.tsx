import Link from 'next/link';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { CqcUploadForm } from './cqc-upload-form';

export const metadata = { title: 'Update CQC ratings' };

export default async function CqcRatingsPage() {
  await requirePageActor('provider:review');
  return (
    <section className="max-w-3xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link className="underline" href="/providers">
          Providers
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">Update CQC ratings</h1>
      <p className="text-slate-700">
        Upload CQC&apos;s care-directory ratings file (saved as CSV, at most 50 MB). Providers on your register are matched by CQC location ID; the rest of the
        file is ignored. You will see what would change before anything is saved.
      </p>
      <p className="text-slate-700">
        A provider newly rated Inadequate is no longer offered packages, and is flagged for review on its page; your commissioners are told.
      </p>
      <CqcUploadForm />
    </section>
  );
}
