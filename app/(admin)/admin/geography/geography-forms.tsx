'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Checkbox, Checkboxes, ErrorSummary, SubmitButton, TextInput } from '@/components/form';
import { ConfirmDialog } from '@/components/confirm-dialog';
import type { TGeography } from '@/lib/geography/get-geography';
import {
  deleteHospitalAction,
  deleteLocalityAction,
  deleteStepAreaAction,
  deleteWardAction,
  saveHospitalAction,
  saveLocalityAction,
  saveStepAreaAction,
  saveWardAction,
} from './actions';
import { useGeographyForm } from './use-geography-form';

type TLocality = TGeography['localities'][number];

function FormFrame({ title, id, children }: { title: string; id: string; children: React.ReactNode }) {
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={id} className="font-semibold">
        {title}
      </h3>
      {children}
    </div>
  );
}

function Status({ text }: { text: string | null }) {
  return (
    <p role="status" aria-live="polite" className="text-sm">
      {text}
    </p>
  );
}

/** Adds a locality, or changes one, with the wards it is built from, its neighbours and its postcode districts. */
export function LocalityForm({ geography, editing }: { geography: TGeography; editing?: TLocality }) {
  const { pending, errors, problems, message, status, summary, onSubmit } = useGeographyForm(
    'locality',
    saveLocalityAction,
    editing ? `${editing.name} is saved.` : 'The locality is added.',
  );
  const others = geography.localities.filter((l) => l.id !== editing?.id);
  return (
    <FormFrame title={editing ? `Change ${editing.name}` : 'Add a locality'} id="locality-form-heading">
      <form onSubmit={onSubmit} noValidate className="space-y-3" aria-labelledby="locality-form-heading" key={editing?.id ?? 'new'}>
        <ErrorSummary ref={summary} problems={problems} message={message} />
        {editing ? <input type="hidden" name="localityId" value={editing.id} /> : null}
        <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
          <TextInput id="locality-code" name="code" label="Code" hint="Like SHE" defaultValue={editing?.code} errors={errors} inputClassName="w-full" />
          <TextInput id="locality-name" name="name" label="Name" defaultValue={editing?.name} errors={errors} inputClassName="w-full" />
        </div>
        <Checkbox id="locality-rural" name="rural" label="Rural" hint="Rural localities are let and priced as rural areas." defaultChecked={editing?.rural} />
        <TextInput
          id="locality-districts"
          name="districts"
          label="Postcode districts"
          hint="The outward part of the postcode, separated by commas, like BD1, BD2"
          defaultValue={editing?.districts.join(', ')}
          errors={errors}
          inputClassName="w-full"
        />
        {others.length ? (
          <Checkboxes
            id="locality-neighbourIds"
            name="neighbourIds"
            legend="Neighbouring localities"
            hint="A locality contract in a neighbouring locality is the second tier of the cascade for long-term care here."
            options={others.map((l) => ({ value: l.id, label: `${l.name} (${l.code})` }))}
            defaultValues={editing?.neighbourIds}
            errors={errors}
            optionsClassName="grid gap-1 sm:grid-cols-2"
          />
        ) : (
          <p className="text-sm text-slate-700">Neighbours can be chosen once there is more than one locality.</p>
        )}
        {geography.wards.length ? (
          <Checkboxes
            id="locality-wardIds"
            name="wardIds"
            legend="Wards it is built from"
            options={geography.wards.map((w) => ({ value: w.id, label: w.name }))}
            defaultValues={editing?.wardIds}
            errors={errors}
            optionsClassName="grid gap-1 sm:grid-cols-2"
          />
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pending={pending}>{editing ? 'Save locality' : 'Add locality'}</SubmitButton>
          {editing ? (
            <Link className="underline" href="/admin/geography">
              Cancel
            </Link>
          ) : null}
        </div>
        <Status text={status} />
      </form>
    </FormFrame>
  );
}

const DELETE = {
  locality: { action: (id: string) => deleteLocalityAction({ localityId: id }), goes: 'Its postcode districts and neighbour links go with it.' },
  ward: { action: (id: string) => deleteWardAction({ wardId: id }), goes: 'Localities built from it no longer list it.' },
  stepArea: { action: (id: string) => deleteStepAreaAction({ stepAreaId: id }), goes: 'Its localities stay as they are.' },
  hospital: { action: (id: string) => deleteHospitalAction({ hospitalId: id }), goes: 'Packages and contracts never name it again.' },
} as const;

/** Deletes a row after asking; refused, with the reason, when something still depends on it. */
export function DeleteButton({ kind, id, name }: { kind: keyof typeof DELETE; id: string; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <button type="button" className="min-h-11 text-red-800 underline sm:min-h-0" aria-label={`Delete ${name}`} onClick={() => setOpen(true)}>
        Delete
      </button>
      <ConfirmDialog
        open={open}
        title={`Delete ${name}?`}
        confirmLabel="Yes, delete it"
        pending={pending}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          start(async () => {
            const result = await DELETE[kind].action(id);
            setOpen(false);
            setMessage(result.ok ? null : result.message);
            if (result.ok) router.refresh();
          })
        }
      >
        {DELETE[kind].goes}
      </ConfirmDialog>
      {message ? (
        <p role="alert" className="text-sm text-red-800">
          {message}
        </p>
      ) : null}
    </>
  );
}

export function WardForm({ editing }: { editing?: TGeography['wards'][number] }) {
  const { pending, errors, problems, message, status, summary, onSubmit } = useGeographyForm(
    'ward',
    saveWardAction,
    editing ? `${editing.name} is saved.` : 'The ward is added.',
  );
  return (
    <FormFrame title={editing ? `Change ${editing.name}` : 'Add a ward'} id="ward-form-heading">
      <form onSubmit={onSubmit} noValidate className="space-y-3" aria-labelledby="ward-form-heading" key={editing?.id ?? 'new'}>
        <ErrorSummary ref={summary} problems={problems} message={message} />
        {editing ? <input type="hidden" name="wardId" value={editing.id} /> : null}
        <div className="grid gap-3 sm:grid-cols-[1fr_12rem]">
          <TextInput id="ward-name" name="name" label="Name" defaultValue={editing?.name} errors={errors} inputClassName="w-full" />
          <TextInput
            id="ward-population"
            name="population"
            label="Population"
            inputMode="numeric"
            defaultValue={editing?.population}
            errors={errors}
            inputClassName="w-full"
          />
        </div>
        <SubmitButton pending={pending}>{editing ? 'Save ward' : 'Add ward'}</SubmitButton>
        <Status text={status} />
      </form>
    </FormFrame>
  );
}

export function StepAreaForm({ geography, editing }: { geography: TGeography; editing?: TGeography['stepAreas'][number] }) {
  const { pending, errors, problems, message, status, summary, onSubmit } = useGeographyForm(
    'stepArea',
    saveStepAreaAction,
    editing ? `${editing.name} is saved.` : 'The STEP area is added.',
  );
  return (
    <FormFrame title={editing ? `Change ${editing.name}` : 'Add a STEP area'} id="step-form-heading">
      <form onSubmit={onSubmit} noValidate className="space-y-3" aria-labelledby="step-form-heading" key={editing?.id ?? 'new'}>
        <ErrorSummary ref={summary} problems={problems} message={message} />
        {editing ? <input type="hidden" name="stepAreaId" value={editing.id} /> : null}
        <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
          <TextInput id="stepArea-code" name="code" label="Code" hint="Like STEP-N" defaultValue={editing?.code} errors={errors} inputClassName="w-full" />
          <TextInput id="stepArea-name" name="name" label="Name" defaultValue={editing?.name} errors={errors} inputClassName="w-full" />
        </div>
        <Checkboxes
          id="stepArea-localityIds"
          name="localityIds"
          legend="Localities it covers"
          options={geography.localities.map((l) => ({ value: l.id, label: `${l.name} (${l.code})` }))}
          defaultValues={editing?.localityIds}
          errors={errors}
          optionsClassName="grid gap-1 sm:grid-cols-2"
        />
        <SubmitButton pending={pending}>{editing ? 'Save STEP area' : 'Add STEP area'}</SubmitButton>
        <Status text={status} />
      </form>
    </FormFrame>
  );
}

export function HospitalForm({ editing }: { editing?: TGeography['hospitals'][number] }) {
  const { pending, errors, problems, message, status, summary, onSubmit } = useGeographyForm(
    'hospital',
    saveHospitalAction,
    editing ? `${editing.name} is saved.` : 'The hospital is added.',
  );
  return (
    <FormFrame title={editing ? `Change ${editing.name}` : 'Add a hospital'} id="hospital-form-heading">
      <form onSubmit={onSubmit} noValidate className="space-y-3" aria-labelledby="hospital-form-heading" key={editing?.id ?? 'new'}>
        <ErrorSummary ref={summary} problems={problems} message={message} />
        {editing ? <input type="hidden" name="hospitalId" value={editing.id} /> : null}
        <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
          <TextInput id="hospital-code" name="code" label="Code" hint="Like BRI" defaultValue={editing?.code} errors={errors} inputClassName="w-full" />
          <TextInput id="hospital-name" name="name" label="Name" defaultValue={editing?.name} errors={errors} inputClassName="w-full" />
        </div>
        <SubmitButton pending={pending}>{editing ? 'Save hospital' : 'Add hospital'}</SubmitButton>
        <Status text={status} />
      </form>
    </FormFrame>
  );
}
