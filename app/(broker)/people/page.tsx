import Link from 'next/link';
import { headers } from 'next/headers';
import { TextInput } from '@/components/form';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { requestIp } from '@/lib/auth/request-ip';
import { searchPeople } from '@/lib/person/search-people';
import { formatDay } from '@/lib/time/london';
import { nhsNumberText } from '@/lib/format';

export const metadata = { title: 'People' };

/** Finding a person by name, NHS number or postcode, to open their whole record. */
export default async function PeoplePage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { actor, db } = await requirePageActor('package:read');
  const q = ((await searchParams).q ?? '').trim().slice(0, 100);
  const found = q.length >= 2 ? await searchPeople(db, actor, q, requestIp(await headers())) : null;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">People</h1>
      <form method="get" action="/people" role="search" aria-label="Find a person" className="flex flex-wrap items-end gap-2">
        <TextInput
          id="q"
          name="q"
          label="Name, NHS number, postcode or date of birth"
          hint="At least two letters or digits, for example Lovelace, 943 476 5919 or 27 3 1938."
          defaultValue={q}
          error={q.length === 1 ? 'Enter at least two letters or digits' : undefined}
        />
        <button type="submit" className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 sm:min-h-0">
          Find
        </button>
      </form>
      {found === null ? (
        <p className="text-slate-700">Search for a person to see every package of theirs, placed and ended ones included.</p>
      ) : found.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4" role="status">
          Nobody in your council matches “{q}”. Check the spelling, or search by NHS number.
        </p>
      ) : (
        <>
          <p role="status" className="text-slate-700">
            {found.length === 1 ? '1 person matches' : `${found.length} people match`}
            {found.length >= 10 ? ' (the first 10: search for more of the name or the full NHS number)' : ''}.
          </p>
          <DataTable caption="People matching the search" columns={['Name', 'Date of birth', 'NHS number', 'Postcode']}>
            {found.map((p) => (
              <Row key={p.id}>
                <RowHeader className="font-normal">
                  <Link className="underline" href={`/people/${p.id}`}>
                    {p.givenName} {p.familyName}
                  </Link>
                </RowHeader>
                <Cell>{formatDay(p.dateOfBirth)}</Cell>
                <Cell className="font-mono">{nhsNumberText(p.nhsNumber)}</Cell>
                <Cell>{p.postcode}</Cell>
              </Row>
            ))}
          </DataTable>
        </>
      )}
    </div>
  );
}
