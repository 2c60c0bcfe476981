import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { getWhatIf, whatIfChoices } from '@/lib/whatif/get-what-ifs';
import { isUuid } from '../../ids';
import { ScenarioForm } from '../../scenario-form';

export const metadata = { title: 'Change a what-if scenario' };

export default async function EditWhatIfPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, db } = await requirePageActor('whatif:manage');
  const { id } = await params;
  const scenario = isUuid(id) ? await getWhatIf(db, actor.councilId, id) : null;
  if (!scenario) notFound();
  const choices = await whatIfChoices(db, actor.councilId);
  return (
    <section className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link className="underline" href={`/what-if/${id}`}>
          {scenario.name}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">Change the scenario</h1>
      <p className="max-w-3xl text-slate-700">Saving new changes clears the last run’s figures; run it again to see the new ones.</p>
      <ScenarioForm choices={choices} initial={{ id, name: scenario.name, description: scenario.description, changes: scenario.changes }} />
    </section>
  );
}
