import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { requirePageActor } from '@/lib/auth/require-page-actor';

export const metadata = { title: 'Councils' };

export default async function CouncilsPage() {
  const { db } = await requirePageActor('council:manage');
  const councils = await db.council.findMany({
    orderBy: { name: 'asc' },
    select: { id: true, code: true, name: true, _count: { select: { localities: true, providers: true, users: true } } },
  });
  return (
    <section className="space-y-3">
      <h1 className="text-2xl font-semibold">Councils on this platform</h1>
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
    </section>
  );
}
