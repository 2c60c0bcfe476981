import Link from 'next/link';

export const metadata = { title: 'No access' };

export default function NoAccess() {
  return (
    <section className="max-w-xl">
      <h1 className="text-2xl font-semibold">You do not have access to that page</h1>
      <p className="mt-2 text-slate-700">Your role does not include it. If you think it should, ask your system administrator.</p>
      <p className="mt-4">
        <Link href="/" className="underline">
          Go to your home page
        </Link>
      </p>
    </section>
  );
}
