import type { Metadata } from 'next';
import { Label } from '@/components/form';
import { PackageFilter } from '@/components/package-filter';
import { PageSection } from '@/components/page-section';
import { VariancesTable } from '@/components/variances-table';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { CONTRACT_TYPES } from '@/lib/domain/contract';
import { listPaymentRuns, listVariances } from '@/lib/money/list-money';
import { formatDay } from '@/lib/time/london';
import { ActionDateField, ActionForm, ActionTextField } from './action-form';
import {
  checkPaymentRunAction,
  createPaymentRunAction,
  decideVarianceAction,
  discardPaymentRunAction,
  lockPaymentRunAction,
  reconcileAction,
  recomputePaymentRunAction,
  setPaymentBasisAction,
} from './actions';

export const metadata: Metadata = { title: 'Finance' };
export const dynamic = 'force-dynamic';

const LINK = 'font-medium text-brand-800 underline underline-offset-2';
const INPUT = 'mt-1 block rounded border border-slate-500 px-2 py-1';
const iso = (d: Date) => d.toISOString().slice(0, 10);
const lastDay = (d: Date) => iso(new Date(d.getTime() - 86_400_000));

export default async function FinancePage({ searchParams }: { searchParams: Promise<{ package?: string }> }) {
  const { actor, db } = await requirePageActor('finance:manage');
  const reference = ((await searchParams).package ?? '').trim().slice(0, 40);
  const [runs, { rows: variances, total }, bases] = await Promise.all([
    listPaymentRuns(db, actor.councilId),
    listVariances(db, actor.councilId, reference),
    db.paymentBasisSetting.findMany({ where: { councilId: actor.councilId } }),
  ]);
  const basis = new Map(bases.map((b) => [b.contractType, b.basis]));
  return (
    <section className="max-w-5xl space-y-6">
      <h1 className="text-2xl font-semibold">Finance</h1>

      <PageSection id="runs-heading" title="Payment runs" card>
        <ActionForm action={createPaymentRunAction} label="Make a payment run" pendingLabel="Working out payments…" done="The run is made as a draft.">
          <div className="flex flex-wrap gap-4">
            <ActionDateField id="periodStart" label="First day of the period" hint="For example, 4 January 2027" />
            <fieldset>
              <legend className="font-medium">Period</legend>
              <label className="mr-4">
                <input type="radio" name="cycle" value="FOUR_WEEKLY" defaultChecked /> Four weeks
              </label>
              <label>
                <input type="radio" name="cycle" value="MONTHLY" /> A month
              </label>
            </fieldset>
          </div>
        </ActionForm>
        {runs.length === 0 ? <p>No payment runs yet.</p> : null}
        <ul className="space-y-3">
          {runs.map((run) => (
            <li key={run.id} className="rounded border border-slate-200 p-3" data-testid="payment-run">
              <h3 className="font-semibold">
                {formatDay(iso(run.periodStart))} to {formatDay(lastDay(run.periodEnd))}: £{run.total.toFixed(2)} ({run.status.toLowerCase()})
              </h3>
              <ul className="text-sm">
                {run.providers.map((p) => (
                  <li key={p.provider}>
                    {p.provider}: £{Number(p.amount).toFixed(2)}
                  </li>
                ))}
              </ul>
              <p className="space-x-4 text-sm">
                <a className={LINK} href={`/admin/finance/runs/${run.id}/payments.csv`} download>
                  Payment file (CSV)
                </a>
                <a className={LINK} href={`/admin/finance/runs/${run.id}/ledger.csv`} download>
                  General ledger (CSV)
                </a>
              </p>
              {run.status !== 'LOCKED' ? (
                <div className="mt-2 flex flex-wrap gap-3">
                  <ActionForm action={recomputePaymentRunAction} label="Work it out again" pendingLabel="Working…" variant="secondary">
                    <input type="hidden" name="runId" value={run.id} />
                  </ActionForm>
                  {run.status === 'DRAFT' ? (
                    <ActionForm action={checkPaymentRunAction} label="Mark as checked" pendingLabel="Saving…" variant="secondary">
                      <input type="hidden" name="runId" value={run.id} />
                    </ActionForm>
                  ) : (
                    <ActionForm action={lockPaymentRunAction} label="Lock this run" pendingLabel="Locking…">
                      <input type="hidden" name="runId" value={run.id} />
                    </ActionForm>
                  )}
                  <ActionForm action={discardPaymentRunAction} label="Discard" pendingLabel="Discarding…" variant="secondary">
                    <input type="hidden" name="runId" value={run.id} />
                  </ActionForm>
                </div>
              ) : (
                <p className="text-sm">Locked: it never changes. Corrections go into the next run as adjustments.</p>
              )}
            </li>
          ))}
        </ul>
      </PageSection>

      <PageSection id="reconcile-heading" title="Reconciliation" card>
        <ActionForm action={reconcileAction} label="Reconcile" pendingLabel="Reconciling…" done="Reconciled.">
          <div className="flex flex-wrap gap-4">
            <ActionDateField id="from" label="First day" />
            <ActionDateField id="to" label="Day after the last" hint="Care up to the day before this one is reconciled" />
          </div>
        </ActionForm>
        <PackageFilter action="/admin/finance" value={reference} shown={variances.length} total={total} />
        <VariancesTable
          caption="Variances, undecided first"
          showCaption
          minWidth="min-w-[48rem]"
          variances={variances}
          withProvider
          decisionLabel="Decision"
          decision={(v) =>
            v.status === 'OPEN' ? (
              <ActionForm
                action={decideVarianceAction}
                label="Save decision"
                pendingLabel="Saving…"
                variant="secondary"
                ids={{ reason: `reason-${v.id}`, decision: `decision-${v.id}` }}
              >
                <input type="hidden" name="varianceId" value={v.id} />
                <Label htmlFor={`decision-${v.id}`}>Decision</Label>
                <select id={`decision-${v.id}`} name="decision" className={INPUT} defaultValue="ACCEPTED">
                  <option value="ACCEPTED">Accept</option>
                  <option value="QUERIED">Query</option>
                  <option value="REJECTED">Reject</option>
                </select>
                <ActionTextField id={`reason-${v.id}`} name="reason" label="Reason (to query or reject)" compact />
              </ActionForm>
            ) : (
              `${v.status.toLowerCase()}${v.reason ? `: ${v.reason}` : ''}`
            )
          }
        />
      </PageSection>

      <PageSection id="basis-heading" title="How each contract type is paid" card>
        {CONTRACT_TYPES.map((type) => (
          <ActionForm key={type} action={setPaymentBasisAction} label={`Save for ${type}`} pendingLabel="Saving…" variant="secondary">
            <input type="hidden" name="contractType" value={type} />
            <Label htmlFor={`basis-${type}`}>{type}</Label>
            <select id={`basis-${type}`} name="basis" className={INPUT} defaultValue={basis.get(type) ?? 'ACTUALS'}>
              <option value="ACTUALS">By delivered care (actuals)</option>
              <option value="COMMISSIONED">By commissioned hours</option>
            </select>
          </ActionForm>
        ))}
        <p>
          <a className={LINK} href="/admin/finance/cld" download>
            Client Level Data return for the last full quarter (CSV)
          </a>
        </p>
      </PageSection>
    </section>
  );
}
