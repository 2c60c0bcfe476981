import { visitText } from '@/lib/domain/visit-text';
import type { ReactNode } from 'react';
import { formatDay } from '@/lib/time/london';
import { nhsNumberText } from '@/lib/format';

type Person = { dateOfBirth: Date; nhsNumber: string; addressLine1: string; addressLine2: string | null; town: string; postcode: string };

/** A person's identifying details, for those allowed to see them (council staff; the provider after award). */
export function PersonDetails({ person, children }: { person: Person; children?: ReactNode }) {
  return (
    <section aria-labelledby="person">
      <h2 id="person" className="text-lg font-semibold">
        Person
      </h2>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="font-medium">Date of birth</dt>
        <dd>{formatDay(person.dateOfBirth)}</dd>
        <dt className="font-medium">NHS number</dt>
        <dd className="font-mono">{nhsNumberText(person.nhsNumber)}</dd>
        <dt className="font-medium">Address</dt>
        <dd>{[person.addressLine1, person.addressLine2, person.town, person.postcode].filter(Boolean).join(', ')}</dd>
        {children}
      </dl>
    </section>
  );
}

/** The visits of a package, one line each. */
export function VisitList({ visits }: { visits: { id: string; days: string[]; start: string; minutes: number; carers: number }[] }) {
  return (
    <section aria-labelledby="visits">
      <h2 id="visits" className="text-lg font-semibold">
        Visits
      </h2>
      <ul className="mt-2 text-sm">
        {visits.map((v) => (
          <li key={v.id}>{visitText(v)}</li>
        ))}
      </ul>
    </section>
  );
}
