'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Fetches the board afresh every minute while the tab is visible, and at once when it becomes
 * visible again (a phone unlocked, a tab brought back). New notifications already refresh the
 * page through the bell.
 */
export function AutoRefresh({ seconds = 60 }: { seconds?: number }) {
  const router = useRouter();
  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === 'visible') router.refresh();
    };
    const timer = setInterval(refresh, seconds * 1000);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [router, seconds]);
  return null;
}
