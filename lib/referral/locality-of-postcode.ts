import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';

/** The outward code of a postcode ("BD1" of "BD1 1HY"). Pure. */
export function postcodeDistrictOf(postcode: string): string {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  return compact.length > 3 ? compact.slice(0, -3) : compact;
}

/** The council's locality for a postcode, by its district, or null when the council has none for it. */
export async function localityOfPostcode(db: PrismaClient | Prisma.TransactionClient, councilId: string, postcode: string): Promise<string | null> {
  const district = await db.postcodeDistrict.findUnique({
    where: { councilId_code: { councilId, code: postcodeDistrictOf(postcode) } },
    select: { localityId: true },
  });
  return district?.localityId ?? null;
}
