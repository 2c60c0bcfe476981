import * as capacity from '@/app/api/v1/capacity/route';
import * as market from '@/app/api/v1/market/route';
import * as offerAccept from '@/app/api/v1/offers/[id]/accept/route';
import * as offerDecline from '@/app/api/v1/offers/[id]/decline/route';
import * as offers from '@/app/api/v1/offers/route';
import * as openapi from '@/app/api/v1/openapi.json/route';
import * as packageByReference from '@/app/api/v1/packages/[reference]/route';
import * as packages from '@/app/api/v1/packages/route';

// Every /api/v1 route handler, by its path under app/ (tests/unit/api-fast-path.test.ts checks
// that none is missing): what the production server's API path (lib/api/fast-path.ts) serves.

export type TRouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;

export type TRouteModule = Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', TRouteHandler>>;

export const V1_ROUTES: Record<string, TRouteModule> = {
  '/api/v1/capacity': capacity,
  '/api/v1/market': market,
  '/api/v1/offers': offers,
  '/api/v1/offers/[id]/accept': offerAccept,
  '/api/v1/offers/[id]/decline': offerDecline,
  '/api/v1/openapi.json': openapi,
  '/api/v1/packages': packages,
  '/api/v1/packages/[reference]': packageByReference,
};
