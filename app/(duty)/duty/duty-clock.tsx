'use client';

import { useEffect, useRef, useState } from 'react';
import { clockText, dutyClock, type TClockState } from '@/lib/domain/clock';
import { CLOCK_STATE_LABEL } from '@/lib/domain/labels';

const TICK_MS = 30_000;

const STYLE: Record<TClockState, { box: string; bar: string }> = {
  ON_TIME: { box: 'border-emerald-700 bg-emerald-50 text-emerald-900', bar: 'bg-emerald-700' },
  AT_RISK: { box: 'border-amber-600 bg-amber-50 text-amber-950', bar: 'bg-amber-600' },
  BREACHED: { box: 'border-red-700 bg-red-50 text-red-900', bar: 'bg-red-700' },
};

/** A shape for each state, so the state reads without colour: a tick, a warning triangle, a cross. */
export function StateIcon({ state }: { state: TClockState }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5 shrink-0" fill="currentColor">
      {state === 'ON_TIME' ? (
        <path d="M10 1a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm4.2 6.3-5 5.2a1 1 0 0 1-1.4 0l-2-2a1 1 0 1 1 1.4-1.4l1.3 1.3 4.3-4.5a1 1 0 1 1 1.4 1.4Z" />
      ) : state === 'AT_RISK' ? (
        <path d="M10.9 2.5a1 1 0 0 0-1.8 0l-8 14A1 1 0 0 0 2 18h16a1 1 0 0 0 .9-1.5l-8-14ZM10 7a1 1 0 0 1 1 1v4a1 1 0 1 1-2 0V8a1 1 0 0 1 1-1Zm0 9a1.2 1.2 0 1 1 0-2.4 1.2 1.2 0 0 1 0 2.4Z" />
      ) : (
        <path d="M6.3 1h7.4L19 6.3v7.4L13.7 19H6.3L1 13.7V6.3L6.3 1Zm1.4 5.3a1 1 0 0 0-1.4 1.4L8.6 10l-2.3 2.3a1 1 0 1 0 1.4 1.4l2.3-2.3 2.3 2.3a1 1 0 0 0 1.4-1.4L11.4 10l2.3-2.3a1 1 0 0 0-1.4-1.4L10 8.6 7.7 6.3Z" />
      )}
    </svg>
  );
}

/**
 * A live clock: state (icon and word), time left or overdue, and a bar of the target used. It
 * starts from the server's time, so the first paint matches the page, then follows the
 * browser's clock every 30 seconds. A change of state is announced to screen readers.
 */
export function DutyClock({
  reference,
  startedAt,
  targetMinutes,
  serverNow,
}: {
  reference: string;
  startedAt: string;
  targetMinutes: number;
  serverNow: string;
}) {
  const [now, setNow] = useState(() => new Date(serverNow));
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef<TClockState | null>(null);
  useEffect(() => {
    const tick = () => setNow(new Date());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, TICK_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);
  const clock = dutyClock(new Date(startedAt), targetMinutes, now);
  useEffect(() => {
    if (previous.current && previous.current !== clock.state) setAnnouncement(`${reference} is now ${CLOCK_STATE_LABEL[clock.state].toLowerCase()}`);
    previous.current = clock.state;
  }, [clock.state, reference]);
  const style = STYLE[clock.state];
  return (
    <div className={`rounded border-l-4 px-2 py-1 ${style.box}`} data-testid="duty-clock" data-state={clock.state}>
      <p className="flex items-center gap-1 font-semibold">
        <StateIcon state={clock.state} />
        <span>{CLOCK_STATE_LABEL[clock.state]}</span>
      </p>
      <p className="tabular-nums">{clockText(clock)}</p>
      <div aria-hidden="true" className="mt-1 h-1.5 w-full rounded bg-white/70">
        <div className={`h-1.5 rounded ${style.bar}`} style={{ width: `${Math.round(clock.used * 100)}%` }} />
      </div>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
