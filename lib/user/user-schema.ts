import { z } from 'zod';
import { COUNCIL_ROLES } from '@/lib/auth/permissions';

// What administrators and providers' managers submit to invite and manage users: the forms, the
// server actions and the operations check the same schemas.

const person = {
  name: z.string().trim().min(1, 'Enter their name').max(120, 'Name must be 120 characters or fewer'),
  email: z.email('Enter an email address like name@example.org').trim().toLowerCase(),
};

/** A council administrator invites staff of their council. */
export const ZInviteUserSchema = z.object({ ...person, role: z.enum(COUNCIL_ROLES, 'Choose a role') });
/** A provider's manager invites people of their own organisation. */
export const ZInviteProviderUserSchema = z.object({ ...person, manager: z.boolean().default(false) });

/** A change to one managed user. */
export const ZChangeUserSchema = z.discriminatedUnion('kind', [
  z.object({ userId: z.uuid(), kind: z.literal('disable') }),
  z.object({ userId: z.uuid(), kind: z.literal('enable') }),
  z.object({ userId: z.uuid(), kind: z.literal('reset-mfa') }),
  z.object({ userId: z.uuid(), kind: z.literal('role'), role: z.enum(COUNCIL_ROLES, 'Choose a role') }),
  z.object({ userId: z.uuid(), kind: z.literal('manager'), manager: z.boolean() }),
]);

export type TChangeUser = z.infer<typeof ZChangeUserSchema>;
export type TUserChange = DistributiveOmit<TChangeUser, 'userId'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
