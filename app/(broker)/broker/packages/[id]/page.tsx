import { notFound, redirect } from 'next/navigation';
import { requirePageActor } from '@/lib/auth/require-page-actor';

// Notifications to brokers link to a package by its id (/broker/packages/<id>); the package page
// is addressed by reference.
export default async function PackageById({ params }: { params: Promise<{ id: string }> }) {
  const { actor, db } = await requirePageActor('package:read');
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const pkg = await db.package.findFirst({ where: { councilId: actor.councilId ?? '', id }, select: { reference: true } });
  if (!pkg) notFound();
  redirect(`/packages/${encodeURIComponent(pkg.reference)}`);
}
