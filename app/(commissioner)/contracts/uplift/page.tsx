import Link from 'next/link';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { UpliftForm } from './uplift-form';

export const metadata = { title: 'Annual uplift' };

export default async function UpliftPage() {
  await requirePageActor('contract:manage');
  return (
    <section className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link className="underline" href="/contracts">
          Contracts
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">Annual uplift</h1>
      <p className="max-w-3xl text-slate-700">
        Raise the rate of every contract of one type in force on a day, from that day, for example 7.2% to every locality contract from 1 April. Each contract
        gets a new dated rate: its rate the day before, raised to the penny. Offers made before the day keep the old rate. You see every contract and its old
        and new rate before anything changes.
      </p>
      <UpliftForm />
    </section>
  );
}
