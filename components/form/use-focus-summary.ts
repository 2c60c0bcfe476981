'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * The error summary's ref, and a call that moves focus to it once React has drawn the failed
 * submit's errors: after the commit, not on a timer, so a slow transition cannot leave focus behind.
 */
export function useFocusSummary() {
  const ref = useRef<HTMLDivElement>(null);
  const [failures, setFailures] = useState(0);
  useEffect(() => {
    if (failures > 0) ref.current?.focus();
  }, [failures]);
  return [ref, () => setFailures((n) => n + 1)] as const;
}
