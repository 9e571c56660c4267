// Plaintext from an audited reveal, kept on screen only briefly: it is cleared after a fixed time, when
// the user hides it, and when the page goes away, so it does not linger on an unattended screen.
import { useCallback, useEffect, useState } from 'react';
import type { TRevealResult } from '../shared/types.ts';

export const REVEAL_SECONDS = 30;

export interface Revealed {
  value: TRevealResult | null;
  secondsLeft: number;
  show: (value: TRevealResult) => void;
  hide: () => void;
}

export function useRevealed(): Revealed {
  const [value, setValue] = useState<TRevealResult | null>(null);
  const [secondsLeft, setSecondsLeft] = useState(0);

  useEffect(() => {
    if (value === null) return;
    const timer = window.setInterval(() => {
      setSecondsLeft((left) => {
        if (left <= 1) setValue(null);
        return Math.max(0, left - 1);
      });
    }, 1000);
    return () => window.clearInterval(timer);
  }, [value]);

  const show = useCallback((next: TRevealResult) => {
    setValue(next);
    setSecondsLeft(REVEAL_SECONDS);
  }, []);
  const hide = useCallback(() => {
    setValue(null);
    setSecondsLeft(0);
  }, []);
  return { value, secondsLeft, show, hide };
}
