import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient, Role } from '@prisma/client';
import { TOKEN_PREFIX } from '@/lib/auth/api-token';

/**
 * A token row written straight to the database, as one made before today's rules (or by a
 * system that calls no operation) would be: createApiToken refuses some of these now.
 */
export async function insertApiToken(
  prisma: PrismaClient,
  row: { name: string; role: Role; scopes: string[]; createdById: string | null; councilId?: string; providerId?: string },
): Promise<{ id: string; token: string }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const created = await prisma.apiToken.create({
    data: {
      ...row,
      prefix: token.slice(0, 10),
      tokenHash: createHash('sha256').update(token).digest('hex'),
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
    },
    select: { id: true },
  });
  return { id: created.id, token };
}
