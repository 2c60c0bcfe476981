'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { formatLondonDayAndTime } from '@/lib/time/london';
import { listNotificationsAction, markNotificationsReadAction } from './actions';

type Item = { id: string; title: string; body: string; link: string | null; createdAt: string; readAt: string | null };

/** The bell: live over server-sent events; each new notification also refreshes the page's data. */
export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const router = useRouter();
  const [unread, setUnread] = useState(initialUnread);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Item[] | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const source = new EventSource('/api/notifications/stream');
    source.addEventListener('notification', () => {
      setUnread((n) => n + 1);
      setAnnouncement('New notification');
      setItems(null);
      router.refresh();
    });
    return () => source.close();
  }, [router]);

  async function toggle() {
    const next = !open;
    setOpen(next);
    if (next && !items) {
      const result = await listNotificationsAction({ take: 10 });
      if (result.ok) setItems(result.data);
    }
  }

  async function markAll() {
    const result = await markNotificationsReadAction({ ids: 'ALL' });
    if (result.ok) {
      setUnread(0);
      setItems((list) => list?.map((i) => ({ ...i, readAt: i.readAt ?? new Date().toISOString() })) ?? null);
    }
  }

  return (
    <div
      className="relative"
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false);
      }}
    >
      <button
        type="button"
        onClick={toggle}
        aria-expanded={open}
        aria-controls="notifications-panel"
        className="whitespace-nowrap rounded border border-white/60 px-2 py-1 text-sm hover:bg-white/10"
        data-testid="bell"
      >
        Notifications
        {unread > 0 ? (
          <span className="ml-1 rounded-full bg-amber-300 px-1.5 font-semibold text-slate-900">
            {unread}
            <span className="sr-only"> unread</span>
          </span>
        ) : null}
      </button>
      <span className="sr-only" aria-live="polite">
        {announcement}
      </span>
      {open ? (
        <div
          id="notifications-panel"
          ref={panel}
          className="absolute right-0 z-10 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-300 bg-white p-3 text-sm text-slate-900 shadow-lg"
        >
          {items === null ? (
            <p role="status">Loading…</p>
          ) : items.length === 0 ? (
            <p>Nothing yet.</p>
          ) : (
            <ul className="max-h-96 space-y-2 overflow-y-auto">
              {items.map((n) => (
                <li key={n.id} className={n.readAt ? '' : 'font-medium'}>
                  {n.link ? (
                    <Link href={n.link} className="underline" onClick={() => setOpen(false)}>
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                  <p className="font-normal text-slate-700">{n.body}</p>
                  <p className="text-xs font-normal text-slate-600">{formatLondonDayAndTime(new Date(n.createdAt))}</p>
                </li>
              ))}
            </ul>
          )}
          <div className="mt-2 flex justify-between">
            <button type="button" onClick={markAll} className="underline">
              Mark all read
            </button>
            <button type="button" onClick={() => setOpen(false)} className="underline">
              Close
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
