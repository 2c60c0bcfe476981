import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { listCouncils } from '@/lib/council/list-councils';
import { CreateCouncilForm } from './create-council-form';

export const metadata = { title: 'Councils' };

export default async function CouncilsPage() {
  const { db } = await requirePageActor('council:manage');
  const councils = await listCouncils(db);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Councils on this platform</h1>
      {councils.length === 0 ? <p className="rounded-lg border border-slate-200 bg-white p-4">No councils yet. Add the first below.</p> : null}
      <DataTable
        caption="Councils"
        columns={['Council', 'Code', { label: 'Localities', numeric: true }, { label: 'Providers', numeric: true }, { label: 'Staff users', numeric: true }]}
      >
        {councils.map((c) => (
          <Row key={c.id}>
            <RowHeader>{c.name}</RowHeader>
            <Cell className="font-mono">{c.code}</Cell>
            <Cell numeric>{c._count.localities}</Cell>
            <Cell numeric>{c._count.providers}</Cell>
            <Cell numeric>{c._count.users}</Cell>
          </Row>
        ))}
      </DataTable>
      <CreateCouncilForm />
    </section>
  );
}
