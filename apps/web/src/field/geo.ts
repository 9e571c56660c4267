// The phone's position: one fix for a report or a check-in. A report or check-in without a fix still
// goes (the grid is known), so every failure answers null rather than throwing.

export interface Fix {
  lng: number;
  lat: number;
  /** Metres (the radius of 68 % confidence the browser gives). */
  accuracy: number;
  at: number;
}

export const fixOf = (position: GeolocationPosition): Fix => ({
  lng: Math.round(position.coords.longitude * 1e6) / 1e6,
  lat: Math.round(position.coords.latitude * 1e6) / 1e6,
  accuracy: Math.round(position.coords.accuracy),
  at: position.timestamp || Date.now(),
});

/** One fix, at most `timeoutMs` away (a recent one up to a minute old will do). */
export function currentFix(timeoutMs = 10_000): Promise<Fix | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (position) => resolve(fixOf(position)),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
