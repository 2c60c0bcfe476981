import type { TCascadePreview } from '@/lib/package/preview-cascade';
import { previewPlan } from '@/lib/package/preview-plan';
import { codeLabel } from '@/lib/domain/labels';

/**
 * The cascade preview as a plan: the person's chosen provider first if it cannot be asked, then
 * who is asked in what order and until when, who was left out (grouped), and when nobody is
 * eligible, who nearly is and what the broker can do. The full ranking stays one click away.
 */
export function PreviewPlanView({ preview, now, packageHref }: { preview: TCascadePreview; now: Date; packageHref: string | null }) {
  const plan = previewPlan({ ...preview, deadline: new Date(preview.deadline) }, now);
  const nextDoor = preview.excluded.filter((e) => e.capacity?.neighboursWithRoom.length).length;
  const lever = (anchor: string, text: string) =>
    packageHref ? (
      <a className="underline" href={`${packageHref}#${anchor}`}>
        {text}
      </a>
    ) : (
      text
    );
  return (
    <section aria-labelledby="preview-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="preview-heading" className="text-lg font-semibold">
        Who it will be offered to
      </h2>
      {plan.chosen ? (
        <p className="border-l-4 border-amber-600 bg-amber-50 p-3 font-medium" data-testid="preview-chosen">
          {plan.chosen}
        </p>
      ) : null}
      {plan.passedOver.length ? (
        <div className="border-l-4 border-amber-600 bg-amber-50 p-3" data-testid="preview-passed-over">
          <p className="font-medium">Passed over in the first tier:</p>
          <ul className="list-inside list-disc">
            {plan.passedOver.slice(0, 5).map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
          {plan.passedOver.length > 5 ? <p>and {plan.passedOver.length - 5} more.</p> : null}
        </div>
      ) : null}
      <div className="space-y-1" data-testid="preview-plan">
        {plan.steps.map((step, i) => (
          <p key={i} className={i === 0 ? 'font-medium' : ''}>
            {step}
          </p>
        ))}
      </div>
      <p className="text-slate-700">{preview.hours.toFixed(2)} carer-hours a week.</p>
      {plan.leftOut.length ? (
        <p data-testid="preview-left-out">
          <span className="font-medium">
            {preview.excluded.length} {preview.excluded.length === 1 ? 'provider' : 'providers'} left out:
          </span>{' '}
          {plan.leftOut.join(' · ')}
        </p>
      ) : null}
      {preview.offers.length === 0 ? (
        <div className="space-y-2 border-l-4 border-amber-600 bg-amber-50 p-3" data-testid="preview-near-misses">
          <h3 className="font-semibold">Nobody can be asked through the cascade</h3>
          {plan.nearMisses.length ? (
            <>
              <p>Nearly eligible:</p>
              <ul className="list-inside list-disc">
                {plan.nearMisses.slice(0, 10).map((m) => (
                  <li key={m.providerId}>{m.text}</li>
                ))}
              </ul>
              {plan.nearMisses.length > 10 ? <p>and {plan.nearMisses.length - 10} more.</p> : null}
            </>
          ) : (
            <p>No provider is one change away from taking it.</p>
          )}
          <p>What you can do{packageHref ? '' : ' once the draft is saved, from its page'}:</p>
          <ul className="list-inside list-disc">
            <li>{lever('hand-offer', 'Offer it by hand to a named provider')}, who may take it without declared capacity</li>
            <li>{lever('uplift', 'Add a rate uplift')} to make it worth a provider’s while</li>
            <li>{lever('change-request', 'Change or split the visits')}, for example the two-carer visits on their own</li>
            <li>
              Widen the search: the open market asks every provider with a contract covering {preview.localityName}
              {nextDoor
                ? `; ${nextDoor} of those nearly eligible ${nextDoor === 1 ? 'has' : 'have'} room next door (above), so ask whether they can cover ${preview.localityName}`
                : ''}
            </li>
          </ul>
        </div>
      ) : null}
      {preview.offers.length ? (
        <div>
          <h3 className="font-semibold">In order, with rates</h3>
          <ol className="mt-1 list-inside list-decimal space-y-1">
            {preview.offers.map((o) => (
              <li key={o.providerId}>
                <strong>{o.providerName}</strong>, tier {o.tier}, {o.contractType.toLowerCase()} {o.contractReference}, £{o.hourlyRate.toFixed(2)}/h (£
                {o.weeklyCost.toFixed(2)} a week): {o.reasons.join('; ')}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {preview.excluded.length ? (
        <details>
          <summary className="cursor-pointer">Every provider left out, and why</summary>
          <ul className="mt-1 list-inside list-disc">
            {preview.excluded.map((e) => (
              <li key={e.providerId}>
                {e.providerName}: {e.reasons.map((r) => codeLabel(r).toLowerCase()).join(', ')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
