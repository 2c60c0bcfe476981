import type { Prisma, PrismaClient } from '@prisma/client';

// Every council-owned model. Queries through a scoped client carry the council inside the
// `where` (and the council on every row written), so one council's helper can never read or
// change another's rows. Relations between these tables include councilId in their foreign
// keys, so nested reads stay inside the council too.
export const COUNCIL_MODELS = new Set<Prisma.ModelName>([
  'Ward',
  'Locality',
  'LocalityWard',
  'LocalityNeighbour',
  'Hospital',
  'CouncilProvider',
  'Contract',
  'ContractLocality',
  'CapacityDeclaration',
  'Person',
  'Package',
  'Visit',
  'ServiceLine',
  'Offer',
  'Placement',
  'AuditEvent',
  'HospitalStay',
  'CouncilSetting',
  'Budget',
  'PhoneContact',
  'ReplacementBatch',
  'ReplacementItem',
]);

type Args = Record<string, unknown> & { where?: object; data?: unknown; create?: object };

function withCouncil<T>(data: T, councilId: string): T {
  const row = data as Record<string, unknown>;
  if (row.councilId !== undefined && row.councilId !== councilId) {
    throw new Error('Refused: a row for another council was written through a council-scoped client.');
  }
  return { ...row, councilId } as T;
}

export function councilScoped(prisma: PrismaClient, councilId: string) {
  return prisma.$extends({
    name: 'council-scope',
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!COUNCIL_MODELS.has(model as Prisma.ModelName)) return query(args);
          const scoped = { ...(args as Args) };
          switch (operation) {
            case 'create':
              scoped.data = withCouncil(scoped.data, councilId);
              break;
            case 'createMany':
            case 'createManyAndReturn':
              scoped.data = (Array.isArray(scoped.data) ? scoped.data : [scoped.data]).map((d) => withCouncil(d, councilId));
              break;
            case 'upsert':
              scoped.where = { ...scoped.where, councilId };
              scoped.create = withCouncil(scoped.create, councilId);
              break;
            default:
              scoped.where = { ...scoped.where, councilId };
          }
          return query(scoped);
        },
      },
    },
  });
}

export type CouncilClient = ReturnType<typeof councilScoped>;
