import { requirePageActor } from '@/lib/auth/require-page-actor';
import { getCouncilSettings } from '@/lib/brokerage/council-settings';
import { SettingsForm } from './settings-form';

export const metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const { actor, db } = await requirePageActor('council-settings:manage');
  const settings = await getCouncilSettings(db, actor.councilId);
  return (
    <section className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">Brokerage settings</h1>
      <p className="text-slate-700">
        How long a provider has to answer an offer before it goes to the next tier of the cascade, and when provider offices are open. Offers already out keep
        the deadline they were given.
      </p>
      <SettingsForm current={settings.offerMinutes} office={settings.office} contact={settings.contact} />
    </section>
  );
}
