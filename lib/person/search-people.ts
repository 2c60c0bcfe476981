import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';

// Prisma's contains and startsWith are LIKE patterns, where % and _ are wildcards ("%%" would
// match everyone): they are searched for as themselves.
export const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A date of birth typed as "27 3 1938", "27/03/1938", "27-3-1938" or "1938-03-27", as YYYY-MM-DD; null when it is not one. */
export function dateOfBirthIn(query: string): string | null {
  const dmy = /^(\d{1,2})[\s/.-]+(\d{1,2})[\s/.-]+(\d{4})$/.exec(query);
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(query);
  const parts = dmy ? [dmy[3], dmy[2], dmy[1]] : ymd ? [ymd[1], ymd[2], ymd[3]] : null;
  if (!parts) return null;
  const [y, m, d] = parts;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** What a search was by, for the audit trail: never the words searched for, which may be an NHS number or a birthday. */
export function searchKind(digits: string, dateOfBirth: string | null): string {
  if (dateOfBirth) return 'date of birth';
  if (/^\d{3,10}$/.test(digits)) return 'NHS number';
  return 'name or postcode';
}

/**
 * People of the actor's council matching a name, NHS number, postcode or date of birth, for the
 * package form and the people page. Each search is audited (who, what it was by, whom it found,
 * from where), as opening a record is.
 */
export async function searchPeople(prisma: PrismaClient, actor: TCouncilActor, query: string, ip?: string) {
  const q = query.trim();
  const digits = q.replace(/\s+/g, '');
  const dateOfBirth = dateOfBirthIn(q);
  const words = q.split(/\s+/).filter(Boolean).map(likeLiteral);
  const found = await prisma.person.findMany({
    where: {
      councilId: actor.councilId,
      OR: dateOfBirth
        ? [{ dateOfBirth: new Date(`${dateOfBirth}T00:00:00Z`) }]
        : [
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
  await recordAudit(prisma, actor, {
    action: 'person.searched',
    entityType: 'Person',
    ip,
    details: { by: searchKind(digits, dateOfBirth), found: found.map((p) => p.id) },
  });
  return found;
}
