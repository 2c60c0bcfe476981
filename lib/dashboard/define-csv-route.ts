import 'server-only';
import type { z } from 'zod';
import { defineRoute, type TRoute, type TRouteContext } from '@/lib/api/define-route';
import type { Permission } from '@/lib/auth/permissions';
import { csvResponse } from '@/lib/csv/csv-file';

// A CSV download that goes through defineRoute unchanged (same sign-in, token, permission, query
// validation and JSON errors), then turns its successful JSON answer into a text/csv attachment (csvResponse).

export type TCsvFile = { filename: string; csv: string };

export function defineCsvRoute<P extends Permission, Q extends z.ZodType>(config: {
  permission: P;
  query: Q;
  handler: (context: TRouteContext<z.output<Q>, undefined, P>) => Promise<TCsvFile>;
}): TRoute {
  const json = defineRoute(config);
  const route = async (request: Request, context: { params: Promise<Record<string, string>> }) => {
    const response = await json(request, context);
    if (!response.ok) return response;
    const file = (await response.json()) as TCsvFile;
    return csvResponse(file.filename, file.csv);
  };
  return Object.assign(route, { permission: config.permission });
}
