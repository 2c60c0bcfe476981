import * as actuals from './v1/actuals';
import * as offerAccept from './v1/accept-offer';
import * as capacity from './v1/capacity';
import * as changeRequests from './v1/change-requests';
import * as offerDecline from './v1/decline-offer';
import * as market from './v1/market';
import * as offers from './v1/offers';
import * as openapi from './v1/openapi-json';
import * as packageByReference from './v1/package-by-reference';
import * as packages from './v1/packages';
import * as referralById from './v1/referral-by-id';
import * as referrals from './v1/referrals';
import * as referralsFhir from './v1/referrals-fhir';

// Every /api/v1 route handler, by the path of the app/ route file that re-exports it
// (tests/unit/api-v1-routes.test.ts checks that none is missing): what the production server's
// API path (lib/api/fast-path.ts) serves, and Next.js serves through those route files.

export type TRouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;

export type TRouteModule = Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', TRouteHandler>>;

export const V1_ROUTES: Record<string, TRouteModule> = {
  '/api/v1/actuals': actuals,
  '/api/v1/capacity': capacity,
  '/api/v1/change-requests': changeRequests,
  '/api/v1/market': market,
  '/api/v1/offers': offers,
  '/api/v1/offers/[id]/accept': offerAccept,
  '/api/v1/offers/[id]/decline': offerDecline,
  '/api/v1/openapi.json': openapi,
  '/api/v1/packages': packages,
  '/api/v1/packages/[reference]': packageByReference,
  '/api/v1/referrals': referrals,
  // Before [id]: the first pattern that fits a path serves it.
  '/api/v1/referrals/fhir': referralsFhir,
  '/api/v1/referrals/[id]': referralById,
};
