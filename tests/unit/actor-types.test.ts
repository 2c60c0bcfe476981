import { describe, expect, it } from 'vitest';
import { actorFromIdentity, actorWith, type Permission, type TActor } from '@/lib/auth/permissions';

// A session or API token becomes an actor only when its role and its council or provider agree:
// council staff in exactly one council, provider users in exactly one provider, platform
// administrators in neither. Anything else grants nothing rather than an actor with an empty id.

const base = { userId: 'u1', email: 'someone@example.org', name: 'Someone', mfaEnabled: true };
const COUNCIL = 'c1';
const PROVIDER = 'p1';

describe('actorFromIdentity', () => {
  it.each(['BROKER', 'BEST', 'COMMISSIONER', 'ADMIN'] as const)('makes a %s with a council a council actor', (role) => {
    expect(actorFromIdentity(base, { role, councilId: COUNCIL, providerId: null, providerManager: false })).toEqual({
      ...base,
      role,
      councilId: COUNCIL,
      providerId: null,
      providerManager: false,
    });
  });

  it('makes a provider user with a provider a provider actor, keeping whether they manage it', () => {
    expect(actorFromIdentity(base, { role: 'PROVIDER', councilId: null, providerId: PROVIDER, providerManager: true })).toEqual({
      ...base,
      role: 'PROVIDER',
      councilId: null,
      providerId: PROVIDER,
      providerManager: true,
    });
  });

  it('makes a platform administrator with neither a platform actor', () => {
    expect(actorFromIdentity(base, { role: 'PLATFORM_ADMIN', councilId: null, providerId: null, providerManager: false })).toMatchObject({
      role: 'PLATFORM_ADMIN',
      councilId: null,
      providerId: null,
    });
  });

  it.each([
    ['council staff without a council', { role: 'BROKER', councilId: null, providerId: null }],
    ['council staff with a provider too', { role: 'ADMIN', councilId: COUNCIL, providerId: PROVIDER }],
    ['council staff with only a provider', { role: 'COMMISSIONER', councilId: null, providerId: PROVIDER }],
    ['a provider user without a provider', { role: 'PROVIDER', councilId: null, providerId: null }],
    ['a provider user with a council too', { role: 'PROVIDER', councilId: COUNCIL, providerId: PROVIDER }],
    ['a platform administrator with a council', { role: 'PLATFORM_ADMIN', councilId: COUNCIL, providerId: null }],
    ['a platform administrator with a provider', { role: 'PLATFORM_ADMIN', councilId: null, providerId: PROVIDER }],
  ] as const)('refuses %s', (_label, identity) => {
    expect(actorFromIdentity(base, { ...identity, providerManager: false })).toBeNull();
  });

  it('never makes council staff a provider manager', () => {
    expect(actorFromIdentity(base, { role: 'BROKER', councilId: COUNCIL, providerId: null, providerManager: true })?.providerManager).toBe(false);
  });
});

function made(actor: TActor | null): TActor {
  if (!actor) throw new Error('expected an actor');
  return actor;
}

describe('actorWith', () => {
  const broker = made(actorFromIdentity(base, { role: 'BROKER', councilId: COUNCIL, providerId: null, providerManager: false }));
  const provider = made(actorFromIdentity(base, { role: 'PROVIDER', councilId: null, providerId: PROVIDER, providerManager: false }));

  it('hands over the actor when they hold the permission, typed by it', () => {
    const actor = actorWith(broker, 'package:write');
    expect(actor?.councilId).toBe(COUNCIL);
    expect(actorWith(provider, 'offer:respond')?.providerId).toBe(PROVIDER);
  });

  it.each<[string, TActor | null, Permission]>([
    ['a provider asking for council work', provider, 'package:write'],
    ['council staff asking for provider work', broker, 'offer:respond'],
    ['a provider user who does not manage the provider', provider, 'provider-user:manage'],
    ['no one', null, 'notification:read'],
  ])('gives nothing to %s', (_label, actor, permission) => {
    expect(actorWith(actor, permission)).toBeNull();
  });
});
