// Audit actions in words for the audit trail: "package.round-opened" reads "Package: round opened".

const SAID: Record<string, string> = {
  'auth.sign-in': 'Signed in',
  'auth.sign-in-failed': 'Sign-in failed',
  'auth.sign-out': 'Signed out',
  'access.refused': 'Access refused',
  'person.viewed': 'Person’s record opened',
  'person.searched': 'People searched',
  'person.created': 'Person recorded',
  'package.posted': 'Package posted',
  'package.pushed': 'Package pushed by the duty team',
  'package.reminded': 'Providers reminded of an offer',
  'package.offered-by-hand': 'Package offered by hand',
  'package.phone-contact': 'Call recorded',
  'offer.declined': 'Offer declined',
  'capacity.declared': 'Capacity declared',
  'council.settings-updated': 'Settings changed',
  'user.invited': 'User invited',
  'data.import': 'Data imported',
  'cqc.ratings-imported': 'CQC ratings imported',
};

const words = (s: string) => s.replace(/-/g, ' ');

/** The action in words: its own wording where it has one, else "Subject: what happened". */
export function auditActionLabel(action: string): string {
  const said = SAID[action];
  if (said) return said;
  const dot = action.indexOf('.');
  if (dot < 0) return words(action).replace(/^./, (c) => c.toUpperCase());
  const subject = words(action.slice(0, dot)).replace(/^./, (c) => c.toUpperCase());
  return `${subject}: ${words(action.slice(dot + 1).replace(/\./g, ' '))}`;
}
