import Link from 'next/link';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { whatIfChoices } from '@/lib/whatif/get-what-ifs';
import { ScenarioForm } from '../scenario-form';

export const metadata = { title: 'New what-if scenario' };

export default async function NewWhatIfPage() {
  const { actor, db } = await requirePageActor('whatif:manage');
  const choices = await whatIfChoices(db, actor.councilId);
  return (
    <section className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link className="underline" href="/what-if">
          What-if scenarios
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">New scenario</h1>
      <p className="max-w-3xl text-slate-700">
        Name the scenario and add its changes. They apply in the order listed. You run it from its page once it is saved.
      </p>
      <ScenarioForm choices={choices} />
    </section>
  );
}
