/** The V8 flags a civgrid server process runs with (see node-flags.mjs). */
export function serverNodeFlags(env?: Record<string, string | undefined>): string[];
