// Playback of a track over its own time: a clock that runs from the first point to the last at a
// chosen speed (1× plays the whole track in a minute, whatever its span), and the point the clock has
// reached — the last one at or before it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

export const SPEEDS = [1, 2, 4, 8, 16] as const;
export type Speed = (typeof SPEEDS)[number];

/** Wall-clock length of a whole track at 1×. */
const BASE_MS = 60_000;
const TICK_MS = 100;

export interface Playback {
  start: number;
  end: number;
  clock: number;
  /** The index of the point the clock has reached (0 before the first). */
  current: number;
  isPlaying: boolean;
  speed: Speed;
  setSpeed: (speed: Speed) => void;
  toggle: () => void;
  seek: (time: number) => void;
  /** Moves the clock to point `index`. */
  goTo: (index: number) => void;
}

/** The index of the last of the sorted `times` at or before `clock` (0 when none is). */
function reached(times: readonly number[], clock: number): number {
  let low = 0;
  let high = times.length - 1;
  let found = 0;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (times[middle]! <= clock) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

export function usePlayback(times: readonly number[]): Playback {
  const start = times[0] ?? 0;
  const end = times.at(-1) ?? 0;
  const [clock, setClock] = useState(start);
  const [isPlaying, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>(1);
  const clockRef = useRef(clock);
  useEffect(() => {
    clockRef.current = clock;
  });

  // A new track starts paused at its first point.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `times` is a new track
  useEffect(() => {
    clockRef.current = start;
    setClock(start);
    setPlaying(false);
  }, [times]);

  useEffect(() => {
    if (!isPlaying) return;
    const perTick = ((end - start) / BASE_MS) * TICK_MS * speed;
    const timer = window.setInterval(() => {
      const next = Math.min(clockRef.current + Math.max(perTick, 1), end);
      setClock(next);
      if (next >= end) setPlaying(false);
    }, TICK_MS);
    return () => window.clearInterval(timer);
  }, [isPlaying, speed, start, end]);

  const toggle = useCallback(() => {
    if (times.length < 2) return;
    // Play at the end starts again from the beginning.
    if (!isPlaying && clockRef.current >= end) setClock(start);
    setPlaying(!isPlaying);
  }, [isPlaying, times.length, start, end]);

  const seek = useCallback((time: number) => setClock(Math.min(Math.max(time, start), end)), [start, end]);
  const goTo = useCallback(
    (index: number) => {
      const time = times[Math.min(Math.max(index, 0), times.length - 1)];
      if (time !== undefined) setClock(time);
    },
    [times],
  );

  const current = useMemo(() => reached(times, clock), [times, clock]);
  return { start, end, clock, current, isPlaying, speed, setSpeed, toggle, seek, goTo };
}
