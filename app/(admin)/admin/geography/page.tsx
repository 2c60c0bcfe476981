import Link from 'next/link';
import { PageSection } from '@/components/page-section';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { MAX_HOSPITALS } from '@/lib/geography/geography-schema';
import { getGeography } from '@/lib/geography/get-geography';
import { DeleteButton, HospitalForm, LocalityForm, StepAreaForm, WardForm } from './geography-forms';

export const metadata = { title: 'Geography' };

type TSearch = { locality?: string; ward?: string; step?: string; hospital?: string };

const names = (ids: string[], all: { id: string; name: string }[]) =>
  all
    .filter((x) => ids.includes(x.id))
    .map((x) => x.name)
    .join(', ') || '—';

export default async function GeographyPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const { actor, db } = await requirePageActor('geography:manage');
  const search = await searchParams;
  const geography = await getGeography(db, actor);
  const { wards, localities, stepAreas, hospitals } = geography;
  const editingLocality = localities.find((l) => l.id === search.locality);
  const editingWard = wards.find((w) => w.id === search.ward);
  const editingStep = stepAreas.find((s) => s.id === search.step);
  const editingHospital = hospitals.find((h) => h.id === search.hospital);
  return (
    <section className="space-y-8">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">Geography</h1>
        <p className="text-slate-700">
          The areas your council brokers care in. A change here applies to the next package ranked; offers already made keep the tier and reasons they were made
          with.
        </p>
        <nav aria-label="On this page" className="flex flex-wrap gap-x-4 text-sm">
          <a className="underline" href="#localities">
            Localities
          </a>
          <a className="underline" href="#wards">
            Wards
          </a>
          <a className="underline" href="#step-areas">
            STEP areas
          </a>
          <a className="underline" href="#hospitals">
            Hospitals
          </a>
        </nav>
      </header>

      <PageSection id="localities" title="Localities">
        {localities.length === 0 ? (
          <p className="rounded-lg border border-slate-200 bg-white p-4">No localities yet. Add the first below: packages, people and contracts need one.</p>
        ) : (
          <DataTable
            caption="Localities"
            columns={['Locality', 'Code', 'Area', 'Neighbours', 'Postcode districts', 'Wards', 'Actions']}
            testId="localities-table"
          >
            {localities.map((l) => (
              <Row key={l.id} top>
                <RowHeader>{l.name}</RowHeader>
                <Cell className="font-mono">{l.code}</Cell>
                <Cell>{l.rural ? 'Rural' : 'Urban'}</Cell>
                <Cell>{names(l.neighbourIds, localities)}</Cell>
                <Cell>{l.districts.join(', ') || '—'}</Cell>
                <Cell>{names(l.wardIds, wards)}</Cell>
                <Cell className="space-y-1">
                  <Link className="block underline" href={`/admin/geography?locality=${l.id}#locality-form-heading`} aria-label={`Change ${l.name}`}>
                    Change
                  </Link>
                  {l.inUse ? null : <DeleteButton kind="locality" id={l.id} name={l.name} />}
                </Cell>
              </Row>
            ))}
          </DataTable>
        )}
        <LocalityForm key={editingLocality?.id ?? 'new'} geography={geography} editing={editingLocality} />
      </PageSection>

      <PageSection id="wards" title="Wards">
        {wards.length === 0 ? (
          <p className="rounded-lg border border-slate-200 bg-white p-4">No wards yet. Localities are built from wards.</p>
        ) : (
          <DataTable caption="Wards" columns={['Ward', { label: 'Population', numeric: true }, 'Actions']}>
            {wards.map((w) => (
              <Row key={w.id}>
                <RowHeader>{w.name}</RowHeader>
                <Cell numeric>{w.population.toLocaleString('en-GB')}</Cell>
                <Cell className="space-y-1">
                  <Link className="block underline" href={`/admin/geography?ward=${w.id}#ward-form-heading`} aria-label={`Change ${w.name}`}>
                    Change
                  </Link>
                  <DeleteButton kind="ward" id={w.id} name={w.name} />
                </Cell>
              </Row>
            ))}
          </DataTable>
        )}
        <WardForm key={editingWard?.id ?? 'new'} editing={editingWard} />
      </PageSection>

      <PageSection id="step-areas" title="STEP areas">
        {stepAreas.length === 0 ? (
          <p className="rounded-lg border border-slate-200 bg-white p-4">No STEP areas yet. A STEP area groups the localities a short-term contract covers.</p>
        ) : (
          <DataTable caption="STEP areas" columns={['STEP area', 'Code', 'Localities', 'Actions']}>
            {stepAreas.map((s) => (
              <Row key={s.id}>
                <RowHeader>{s.name}</RowHeader>
                <Cell className="font-mono">{s.code}</Cell>
                <Cell>{names(s.localityIds, localities)}</Cell>
                <Cell className="space-y-1">
                  <Link className="block underline" href={`/admin/geography?step=${s.id}#step-form-heading`} aria-label={`Change ${s.name}`}>
                    Change
                  </Link>
                  <DeleteButton kind="stepArea" id={s.id} name={s.name} />
                </Cell>
              </Row>
            ))}
          </DataTable>
        )}
        {localities.length ? <StepAreaForm key={editingStep?.id ?? 'new'} geography={geography} editing={editingStep} /> : null}
      </PageSection>

      <PageSection id="hospitals" title="Hospitals">
        <p className="max-w-3xl text-sm text-slate-700">
          The hospitals your council takes discharges from, each with its own discharge contracts. The placement engine tells at most {MAX_HOSPITALS} hospitals
          apart.
        </p>
        {hospitals.length === 0 ? (
          <p className="rounded-lg border border-slate-200 bg-white p-4">No hospitals yet.</p>
        ) : (
          <DataTable caption="Hospitals" columns={['Hospital', 'Code', 'Actions']}>
            {hospitals.map((h) => (
              <Row key={h.id}>
                <RowHeader>{h.name}</RowHeader>
                <Cell className="font-mono">{h.code}</Cell>
                <Cell className="space-y-1">
                  <Link className="block underline" href={`/admin/geography?hospital=${h.id}#hospital-form-heading`} aria-label={`Change ${h.name}`}>
                    Change
                  </Link>
                  <DeleteButton kind="hospital" id={h.id} name={h.name} />
                </Cell>
              </Row>
            ))}
          </DataTable>
        )}
        {hospitals.length < MAX_HOSPITALS || editingHospital ? <HospitalForm key={editingHospital?.id ?? 'new'} editing={editingHospital} /> : null}
      </PageSection>
    </section>
  );
}
