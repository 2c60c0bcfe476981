import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';

// Prisma's contains and startsWith are LIKE patterns, where % and _ are wildcards ("%%" would
// match everyone): they are searched for as themselves.
export const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** People of the actor's council matching a name, NHS number or postcode, for the package form. */
export async function searchPeople(prisma: PrismaClient, actor: TCouncilActor, query: string) {
  const q = query.trim();
  const digits = q.replace(/\s+/g, '');
  const words = q.split(/\s+/).filter(Boolean).map(likeLiteral);
  return prisma.person.findMany({
    where: {
      councilId: actor.councilId,
      OR: [
        ...(/^\d{3,10}$/.test(digits) ? [{ nhsNumber: { startsWith: digits } }] : []),
        { postcode: { startsWith: likeLiteral(q.toUpperCase()) } },
        {
          AND: words.map((w) => ({
            OR: [{ givenName: { contains: w, mode: 'insensitive' as const } }, { familyName: { contains: w, mode: 'insensitive' as const } }],
          })),
        },
      ],
    },
    orderBy: [{ familyName: 'asc' }, { givenName: 'asc' }],
    take: 10,
    select: { id: true, givenName: true, familyName: true, dateOfBirth: true, nhsNumber: true, postcode: true, localityId: true },
  });
}
