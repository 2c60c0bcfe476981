import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '@prisma/client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { actorFromIdentity, type TActor } from '@/lib/auth/permissions';

// Who may call what: every server action and route handler, for every role and for anyone not
// signed in. The expected roles are written out here by hand, not read from the policy, and the
// completeness check fails when an action or route exists that this table does not list.

type Caller = Role | 'ANONYMOUS' | 'ADMIN_WITHOUT_MFA' | 'PROVIDER_MANAGER';
const CALLERS: Caller[] = ['ANONYMOUS', 'BROKER', 'BEST', 'PROVIDER', 'PROVIDER_MANAGER', 'COMMISSIONER', 'ADMIN', 'ADMIN_WITHOUT_MFA', 'PLATFORM_ADMIN'];
const EVERY_SIGNED_IN: Caller[] = ['BROKER', 'BEST', 'PROVIDER', 'PROVIDER_MANAGER', 'COMMISSIONER', 'ADMIN', 'ADMIN_WITHOUT_MFA', 'PLATFORM_ADMIN'];

// An administrator who has not yet set up two-step sign-in may only manage their own account.
const EVERY_ENROLLED = EVERY_SIGNED_IN.filter((c) => c !== 'ADMIN_WITHOUT_MFA');

const ACTIONS: Record<string, Caller[]> = {
  'app/account/actions.ts#confirmMfaAction': EVERY_SIGNED_IN,
  'app/account/actions.ts#signOutEverywhereAction': EVERY_SIGNED_IN,
  'app/account/actions.ts#setEmailFrequencyAction': EVERY_SIGNED_IN,
  'app/(admin)/admin/users/actions.ts#changeUserAction': ['ADMIN'],
  'app/(admin)/admin/users/actions.ts#inviteUserAction': ['ADMIN'],
  'app/(admin)/admin/tokens/actions.ts#createApiTokenAction': ['ADMIN'],
  'app/(admin)/admin/providers/actions.ts#registerProviderAction': ['ADMIN'],
  'app/(admin)/admin/providers/actions.ts#updateProviderAction': ['ADMIN'],
  'app/(admin)/admin/geography/actions.ts#saveWardAction': ['ADMIN'],
  'app/(admin)/admin/geography/actions.ts#saveLocalityAction': ['ADMIN'],
  'app/(admin)/admin/geography/actions.ts#deleteLocalityAction': ['ADMIN'],
  'app/(admin)/admin/geography/actions.ts#saveStepAreaAction': ['ADMIN'],
  'app/(admin)/admin/geography/actions.ts#saveHospitalAction': ['ADMIN'],
  'app/(admin)/admin/geography/actions.ts#deleteWardAction': ['ADMIN'],
  'app/(admin)/admin/geography/actions.ts#deleteStepAreaAction': ['ADMIN'],
  'app/(admin)/admin/geography/actions.ts#deleteHospitalAction': ['ADMIN'],
  'app/(platform)/platform/councils/actions.ts#createCouncilAction': ['PLATFORM_ADMIN'],
  'app/(commissioner)/providers/actions.ts#markProviderReviewedAction': ['COMMISSIONER', 'ADMIN'],
  'app/(commissioner)/providers/actions.ts#importCqcRatingsAction': ['COMMISSIONER', 'ADMIN'],
  'app/(admin)/admin/settings/actions.ts#updateCouncilSettingsAction': ['ADMIN'],
  'app/(admin)/admin/budget/actions.ts#setBudgetAction': ['ADMIN'],
  'app/(admin)/admin/approvals/actions.ts#setApprovalLimitAction': ['ADMIN'],
  'app/(admin)/admin/approvals/actions.ts#setApprovalRulesAction': ['ADMIN'],
  'app/(provider)/provider/placements/[id]/actions.ts#requestChangeAction': ['PROVIDER', 'PROVIDER_MANAGER'],
  'app/(broker)/packages/change-requests/actions.ts#decideChangeRequestAction': ['BROKER', 'BEST'],
  'app/(broker)/packages/change-requests/actions.ts#approvePackageAction': ['BROKER', 'BEST'],
  'app/(provider)/provider/capacity/actions.ts#declareCapacityAction': ['PROVIDER', 'PROVIDER_MANAGER'],
  'app/(provider)/provider/actions.ts#acceptOfferAction': ['PROVIDER', 'PROVIDER_MANAGER'],
  'app/notifications/actions.ts#listNotificationsAction': EVERY_ENROLLED,
  'app/notifications/actions.ts#markNotificationsReadAction': EVERY_ENROLLED,
  'app/(broker)/packages/actions.ts#searchPeopleAction': ['BROKER', 'BEST'],
  'app/(broker)/broker/actions.ts#triageReferralAction': ['BROKER', 'BEST'],
  'app/(broker)/broker/pool/actions.ts#previewWaitingPoolAction': ['BROKER', 'BEST'],
  'app/(broker)/broker/pool/actions.ts#sendWaitingPoolAction': ['BROKER', 'BEST'],
  'app/(admin)/admin/webhooks/actions.ts#createWebhookAction': ['ADMIN', 'PROVIDER_MANAGER'],
  'app/(admin)/admin/webhooks/actions.ts#disableWebhookAction': ['ADMIN', 'PROVIDER_MANAGER'],
  'app/(admin)/admin/webhooks/actions.ts#replayWebhookAction': ['ADMIN', 'PROVIDER_MANAGER'],
  'app/(provider)/provider/webhooks/actions.ts#createWebhookAction': ['ADMIN', 'PROVIDER_MANAGER'],
  'app/(provider)/provider/webhooks/actions.ts#disableWebhookAction': ['ADMIN', 'PROVIDER_MANAGER'],
  'app/(provider)/provider/webhooks/actions.ts#replayWebhookAction': ['ADMIN', 'PROVIDER_MANAGER'],
  'app/(broker)/packages/actions.ts#previewCascadeAction': ['BROKER', 'BEST'],
  'app/(broker)/packages/actions.ts#saveDraftAction': ['BROKER', 'BEST'],
  'app/(broker)/packages/actions.ts#saveAndPostAction': ['BROKER', 'BEST'],
  'app/(broker)/packages/actions.ts#postPackageAction': ['BROKER', 'BEST'],
  'app/(duty)/duty/actions.ts#pushPackageAction': ['BROKER', 'BEST'],
  'app/(duty)/duty/actions.ts#recordPhoneContactAction': ['BROKER', 'BEST'],
  'app/(duty)/duty/actions.ts#offerAfterCallAction': ['BROKER', 'BEST'],
  'app/(duty)/duty/actions.ts#recordReablementOutcomeAction': ['BROKER', 'BEST'],
  'app/(duty)/duty/actions.ts#splitForReablementAction': ['BROKER', 'BEST'],
  'app/(broker)/packages/[reference]/actions.ts#changePackageAction': ['BROKER', 'BEST'],
  'app/(broker)/packages/[reference]/actions.ts#endServiceLineAction': ['BROKER', 'BEST'],
  'app/(broker)/packages/[reference]/actions.ts#setFundingAction': ['BROKER', 'BEST'],
  'app/(broker)/packages/[reference]/actions.ts#admitToHospitalAction': ['BROKER', 'BEST'],
  'app/(broker)/packages/[reference]/actions.ts#returnFromHospitalAction': ['BROKER', 'BEST'],
  'app/(broker)/packages/[reference]/actions.ts#cancelPackageAction': ['BROKER', 'BEST'],
  'app/(broker)/packages/[reference]/actions.ts#setRateUpliftAction': ['BROKER', 'BEST'],
  'app/(broker)/packages/[reference]/actions.ts#offerToProviderAction': ['BROKER', 'BEST'],
  'app/(broker)/packages/[reference]/actions.ts#recordCallAction': ['BROKER', 'BEST'],
  'app/(broker)/packages/[reference]/actions.ts#remindProvidersAction': ['BROKER', 'BEST'],
  'app/(provider)/provider/actions.ts#declineOfferAction': ['PROVIDER', 'PROVIDER_MANAGER'],
  'app/(provider)/provider/users/actions.ts#inviteProviderUserAction': ['PROVIDER_MANAGER'],
  'app/(provider)/provider/tokens/actions.ts#createProviderApiTokenAction': ['PROVIDER_MANAGER'],
  'app/(provider)/provider/tokens/actions.ts#revokeProviderApiTokenAction': ['PROVIDER_MANAGER'],
  'app/(provider)/provider/users/actions.ts#changeProviderUserAction': ['PROVIDER_MANAGER'],
  'app/(admin)/admin/tokens/actions.ts#revokeApiTokenAction': ['ADMIN'],
  'app/(commissioner)/providers/actions.ts#suspendProviderAction': ['COMMISSIONER', 'ADMIN'],
  'app/(commissioner)/providers/actions.ts#reinstateProviderAction': ['COMMISSIONER', 'ADMIN'],
  'app/(commissioner)/providers/actions.ts#previewReplacementAction': ['COMMISSIONER', 'ADMIN'],
  'app/(commissioner)/providers/actions.ts#sendReplacementOffersAction': ['COMMISSIONER', 'ADMIN'],
  'app/(commissioner)/contracts/actions.ts#createContractAction': ['COMMISSIONER', 'ADMIN'],
  'app/(commissioner)/contracts/actions.ts#varyContractAction': ['COMMISSIONER', 'ADMIN'],
  'app/(commissioner)/contracts/actions.ts#endContractAction': ['COMMISSIONER', 'ADMIN'],
  'app/(commissioner)/contracts/actions.ts#addContractRateAction': ['COMMISSIONER', 'ADMIN'],
  'app/(commissioner)/contracts/actions.ts#previewUpliftAction': ['COMMISSIONER', 'ADMIN'],
  'app/(commissioner)/contracts/actions.ts#applyUpliftAction': ['COMMISSIONER', 'ADMIN'],
  'app/(commissioner)/contracts/actions.ts#previewRetenderAction': ['COMMISSIONER', 'ADMIN'],
  'app/(commissioner)/contracts/actions.ts#moveRetenderAction': ['COMMISSIONER', 'ADMIN'],
  'app/(commissioner)/what-if/actions.ts#saveWhatIfAction': ['COMMISSIONER', 'ADMIN'],
  'app/(commissioner)/what-if/actions.ts#runWhatIfAction': ['COMMISSIONER', 'ADMIN'],
  'app/(commissioner)/what-if/actions.ts#deleteWhatIfAction': ['COMMISSIONER', 'ADMIN'],
  'app/(admin)/admin/finance/actions.ts#reconcileAction': ['ADMIN'],
  'app/(admin)/admin/finance/actions.ts#decideVarianceAction': ['ADMIN'],
  'app/(admin)/admin/finance/actions.ts#createPaymentRunAction': ['ADMIN'],
  'app/(admin)/admin/finance/actions.ts#recomputePaymentRunAction': ['ADMIN'],
  'app/(admin)/admin/finance/actions.ts#checkPaymentRunAction': ['ADMIN'],
  'app/(admin)/admin/finance/actions.ts#lockPaymentRunAction': ['ADMIN'],
  'app/(admin)/admin/finance/actions.ts#discardPaymentRunAction': ['ADMIN'],
  'app/(admin)/admin/finance/actions.ts#setPaymentBasisAction': ['ADMIN'],
  // Anyone: they act only through a one-time link's secret, or say nothing about the account.
  'app/(access)/set-password/actions.ts#setPasswordAction': ['ANONYMOUS', ...EVERY_SIGNED_IN],
  'app/(access)/set-password/actions.ts#requestResetAction': ['ANONYMOUS', ...EVERY_SIGNED_IN],
};

// Route handlers: who each method lets in. next-auth's own endpoints are public by design.
const ROUTES: Record<string, 'public' | Caller[]> = {
  'app/api/auth/[...nextauth]/route.ts#GET': 'public',
  'app/api/auth/[...nextauth]/route.ts#POST': 'public',
  'app/api/v1/market/route.ts#GET': ['BROKER', 'BEST', 'COMMISSIONER', 'ADMIN'],
  'app/api/notifications/stream/route.ts#GET': EVERY_ENROLLED,
  'app/api/v1/openapi.json/route.ts#GET': 'public',
  'app/api/v1/packages/route.ts#GET': ['BROKER', 'BEST'],
  'app/api/v1/packages/route.ts#POST': ['BROKER', 'BEST'],
  'app/api/v1/packages/[reference]/route.ts#GET': ['BROKER', 'BEST'],
  // Referrals: a record system's broker-role token, or an administrator, who may give a token this scope.
  'app/api/v1/referrals/route.ts#POST': ['BROKER', 'BEST', 'ADMIN'],
  'app/api/v1/referrals/fhir/route.ts#POST': ['BROKER', 'BEST', 'ADMIN'],
  'app/api/v1/referrals/[id]/route.ts#GET': ['BROKER', 'BEST', 'ADMIN'],
  'app/api/v1/offers/route.ts#GET': ['PROVIDER', 'PROVIDER_MANAGER'],
  'app/api/v1/offers/[id]/accept/route.ts#POST': ['PROVIDER', 'PROVIDER_MANAGER'],
  'app/api/v1/offers/[id]/decline/route.ts#POST': ['PROVIDER', 'PROVIDER_MANAGER'],
  'app/api/v1/capacity/route.ts#GET': ['PROVIDER', 'PROVIDER_MANAGER'],
  'app/api/v1/capacity/route.ts#PUT': ['PROVIDER', 'PROVIDER_MANAGER'],
  'app/api/v1/change-requests/route.ts#GET': ['PROVIDER', 'PROVIDER_MANAGER'],
  'app/api/v1/change-requests/route.ts#POST': ['PROVIDER', 'PROVIDER_MANAGER'],
  'app/(commissioner)/dashboards/csv/[section]/route.ts#GET': ['COMMISSIONER', 'ADMIN'],
  'app/(commissioner)/what-if/[id]/csv/route.ts#GET': ['COMMISSIONER', 'ADMIN'],
  'app/(broker)/broker/capacity-needs/csv/route.ts#GET': ['BROKER', 'BEST'],
  'app/(admin)/admin/data/export/[file]/route.ts#GET': ['ADMIN'],
  'app/api/v1/actuals/route.ts#GET': ['PROVIDER', 'PROVIDER_MANAGER'],
  'app/api/v1/actuals/route.ts#POST': ['PROVIDER', 'PROVIDER_MANAGER'],
  'app/(provider)/provider/actuals/upload/route.ts#POST': ['PROVIDER', 'PROVIDER_MANAGER'],
  'app/(provider)/provider/actuals/remittance/[councilId]/[runId]/route.ts#GET': ['PROVIDER', 'PROVIDER_MANAGER'],
  'app/(admin)/admin/finance/runs/[id]/[file]/route.ts#GET': ['ADMIN'],
  'app/(admin)/admin/finance/cld/route.ts#GET': ['ADMIN'],
  'app/(admin)/admin/data/import/route.ts#POST': ['ADMIN'],
  'app/(admin)/admin/data/template/[file]/route.ts#GET': ['ADMIN'],
};

let currentActor: TActor | null = null;
vi.mock('@/lib/auth/session', () => ({ getActor: async () => currentActor }));
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
// Any allowed call that gets as far as the database stops here: reaching it is what "allowed" means.
vi.mock('@/lib/db', () => ({
  prisma: new Proxy({}, { get: () => new Proxy({}, { get: () => () => Promise.reject(new Error('database reached')) }) }),
}));

function actorFor(caller: Caller): TActor | null {
  if (caller === 'ANONYMOUS') return null;
  const role: Role = caller === 'ADMIN_WITHOUT_MFA' ? 'ADMIN' : caller === 'PROVIDER_MANAGER' ? 'PROVIDER' : caller;
  return actorFromIdentity(
    { userId: '00000000-0000-4000-8000-000000000001', email: 'someone@example.org', name: 'Someone', mfaEnabled: caller !== 'ADMIN_WITHOUT_MFA' },
    {
      role,
      councilId: role === 'PROVIDER' || role === 'PLATFORM_ADMIN' ? null : '00000000-0000-4000-8000-0000000000c1',
      providerId: role === 'PROVIDER' ? '00000000-0000-4000-8000-0000000000b1' : null,
      providerManager: caller === 'PROVIDER_MANAGER',
    },
  );
}

function filesUnder(dir: string, match: (file: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, match) : match(full) ? [full] : [];
  });
}

const serverActionFiles = filesUnder('app', (f) => /\.(ts|tsx)$/.test(f) && /^\s*['"]use server['"]/.test(fs.readFileSync(f, 'utf8')));
const routeFiles = filesUnder('app', (f) => /\/route\.(ts|tsx)$/.test(f));

describe('authorisation matrix', () => {
  beforeEach(() => {
    currentActor = null;
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // the wrapper logs the stopped calls
  });

  it('lists every server action and route handler that exists, and nothing that does not', async () => {
    const actions: string[] = [];
    for (const file of serverActionFiles) {
      const mod = (await import(`@/${file}`)) as Record<string, unknown>;
      for (const name of Object.keys(mod)) actions.push(`${file}#${name}`);
    }
    const routes: string[] = [];
    for (const file of routeFiles) {
      const source = fs.readFileSync(file, 'utf8');
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']) {
        // Declared in the file, or re-exported from lib/api/v1 (`export { GET } from …`).
        if (new RegExp(`\\b(as ${method}\\b|function ${method}\\b|const ${method}\\b)|^export \\{[^}]*\\b${method}\\b[^}]*\\} from`, 'm').test(source))
          routes.push(`${file}#${method}`);
      }
    }
    expect(actions.sort()).toEqual(Object.keys(ACTIONS).sort());
    expect(routes.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it('every server action goes through the shared wrapper, which names its permission', async () => {
    for (const key of Object.keys(ACTIONS)) {
      const [file, name] = key.split('#');
      const action = ((await import(`@/${file}`)) as Record<string, { permission?: string }>)[name];
      expect(typeof action, key).toBe('function');
      expect(action.permission, key).toBeTruthy();
    }
  });

  for (const [key, allowed] of Object.entries(ACTIONS)) {
    for (const caller of CALLERS) {
      const expected = allowed.includes(caller) ? 'allowed' : caller === 'ANONYMOUS' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      it(`${key} · ${caller} → ${expected}`, async () => {
        const [file, name] = key.split('#');
        const action = ((await import(`@/${file}`)) as Record<string, (input: unknown) => Promise<{ ok: boolean; code?: string }>>)[name];
        currentActor = actorFor(caller);
        const result = await action({});
        if (expected === 'allowed') {
          expect(result.ok === true || !['UNAUTHENTICATED', 'FORBIDDEN'].includes(result.code ?? '')).toBe(true);
        } else {
          expect(result).toMatchObject({ ok: false, code: expected });
        }
      });
    }
  }

  for (const [key, allowed] of Object.entries(ROUTES)) {
    if (allowed === 'public') continue;
    for (const caller of CALLERS) {
      const expected = allowed.includes(caller) ? 'allowed' : caller === 'ANONYMOUS' ? 401 : 403;
      it(`${key} · ${caller} → ${expected}`, async () => {
        const [file, method] = key.split('#');
        const handler = ((await import(`@/${file}`)) as Record<string, (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>>)[
          method
        ];
        currentActor = actorFor(caller);
        const response = await handler(new Request('http://localhost/api', { method, headers: { origin: 'http://localhost' } }), {
          params: Promise.resolve({}),
        });
        if (expected === 'allowed') expect([401, 403]).not.toContain(response.status);
        else expect(response.status).toBe(expected);
      });
    }
  }
});
