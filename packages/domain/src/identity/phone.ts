// Mainland China mobile numbers: 11 digits starting 13–19 (MIIT numbering plan).

/** True for an 11-digit mainland mobile number (an optional +86/86 prefix and spaces or dashes are tolerated). */
export function isMobileNumber(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalizeMobileNumber(value));
}

/** The bare 11 digits: drops spaces, dashes and a +86 prefix. */
export function normalizeMobileNumber(value: string): string {
  return value.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
}

/** The number as shown to roles that may not see it: `138****5678`. */
export function maskMobileNumber(value: string): string {
  return value.length < 7 ? '*'.repeat(value.length) : `${value.slice(0, 3)}****${value.slice(-4)}`;
}
