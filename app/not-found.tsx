import Link from 'next/link';
import { ROLE_HOME } from '@/lib/auth/permissions';
import { getActor } from '@/lib/auth/session';

const HOME_NAME: Record<keyof typeof ROLE_HOME, string> = {
  BROKER: 'your packages',
  BEST: 'the duty board',
  PROVIDER: 'your offers',
  COMMISSIONER: 'the market overview',
  ADMIN: 'your users',
  PLATFORM_ADMIN: 'the councils',
};

/** A page that does not exist, or is not yours to see: the way back to your own home. */
export default async function NotFound() {
  const actor = await getActor();
  return (
    <section className="space-y-2">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p>The address may be mistyped, or the page may have moved or been removed.</p>
      <p>
        {actor ? (
          <Link href={ROLE_HOME[actor.role]} className="font-medium underline">
            Go to {HOME_NAME[actor.role]}
          </Link>
        ) : (
          <Link href="/sign-in" className="font-medium underline">
            Sign in
          </Link>
        )}
      </p>
    </section>
  );
}
