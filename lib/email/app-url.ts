/** The app's own address, without a trailing slash, for the links that emails carry. */
export function appUrl(): string {
  return (process.env.NEXTAUTH_URL ?? 'http://localhost:3000').replace(/\/$/, '');
}
