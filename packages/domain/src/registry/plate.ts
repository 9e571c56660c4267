// Motor vehicle plates (号牌号码) of mainland China, GA 36-2018:
// - a province abbreviation, an issuing-authority letter (发牌机关代号, A–Z without I and O) and a serial
//   (序号) of digits and letters without I and O (they read as 1 and 0);
// - regular plates (普通号牌): a 5-character serial — `冀R5M0K3`;
// - new-energy plates (新能源号牌): a 6-character serial. Small cars: the first character tells the energy
//   type (GA 36-2018: D pure electric, F other; since 2021 the Ministry of Public Security also issues
//   A B C E for pure electric and G H J K for other), the second a digit or letter, then four digits —
//   `京AD12345`, `粤BFA1234`. Large vehicles: five digits, then D or F — `冀R12345D`;
// - 4 serial characters and a suffix: 挂 trailer, 学 coach (driving school), 警 police, 港/澳 cross-border
//   Hong Kong/Macao vehicles (issued only as 粤Z);
// - consulates (领馆): province, issuer, four digits, 领 — `沪A1234领`;
// - embassies (使馆): 使, a three-digit country code and a three-digit sequence — `使224009`.

export type PlateProblem = 'format' | 'province' | 'issuer' | 'characters';
export type PlateKind =
  | 'regular'
  | 'new-energy'
  | 'trailer'
  | 'coach'
  | 'police'
  | 'hk-macao'
  | 'embassy'
  | 'consulate';

/** The 31 mainland province-level abbreviations, in GB/T 2260 order. */
export const PLATE_PROVINCES = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新';

const ISSUER = /^[A-HJ-NP-Z]$/;
const SERIAL = /^[A-HJ-NP-Z0-9]+$/;
const SMALL_NEW_ENERGY = /^[ABCDEFGHJK][A-HJ-NP-Z0-9]\d{4}$/;
const LARGE_NEW_ENERGY = /^\d{5}[DF]$/;

const SUFFIX_KINDS: Readonly<Record<string, PlateKind>> = {
  挂: 'trailer',
  学: 'coach',
  警: 'police',
  港: 'hk-macao',
  澳: 'hk-macao',
  领: 'consulate',
};

/** Trimmed, NFKC (full-width letters and digits become ASCII), upper-case, without separators: '冀r·5m0k3' → '冀R5M0K3'. */
export function normalizePlate(value: string): string {
  // People and plate readers write the plate's printed dot as ·, •, ・ or a space; embassy plates with a dash.
  return value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s·•・‧-]/g, '');
}

/** Why `value` (already normalized) is not a GA 36-2018 plate, or `null` when it is one. */
export function checkPlate(value: string): PlateProblem | null {
  return classifyPlate(value).problem;
}

/** The kind of a valid (normalized) plate; `null` when `checkPlate` finds a problem. */
export function plateKind(value: string): PlateKind | null {
  return classifyPlate(value).kind;
}

type Classified = { kind: PlateKind; problem: null } | { kind: null; problem: PlateProblem };

const fail = (problem: PlateProblem): Classified => ({ kind: null, problem });
const ok = (kind: PlateKind): Classified => ({ kind, problem: null });

// Order of checks: length, then the province, the issuer and the serial, so the reported problem is the
// first character a person would have to correct.
function classifyPlate(value: string): Classified {
  const chars = Array.from(value);
  if (chars.length !== 7 && chars.length !== 8) return fail('format');
  const [first, issuer] = chars as [string, string];
  const serial = chars.slice(2).join('');

  if (first === '使') {
    return chars.length === 7 && /^\d{6}$/.test(chars.slice(1).join('')) ? ok('embassy') : fail('characters');
  }
  if (!PLATE_PROVINCES.includes(first)) return fail('province');
  if (!ISSUER.test(issuer)) return fail('issuer');

  const suffixKind = chars.length === 7 ? SUFFIX_KINDS[chars[6]!] : undefined;
  if (suffixKind === 'hk-macao') {
    if (first !== '粤') return fail('province');
    if (issuer !== 'Z') return fail('issuer');
  } else if (first === '粤' && issuer === 'Z') {
    // 粤Z is reserved for cross-border Hong Kong and Macao vehicles.
    return fail('issuer');
  }

  if (chars.length === 8) {
    return SMALL_NEW_ENERGY.test(serial) || LARGE_NEW_ENERGY.test(serial)
      ? ok('new-energy')
      : fail('characters');
  }
  if (suffixKind) {
    const body = serial.slice(0, 4);
    const isBodyValid = suffixKind === 'consulate' ? /^\d{4}$/.test(body) : SERIAL.test(body);
    return isBodyValid ? ok(suffixKind) : fail('characters');
  }
  return SERIAL.test(serial) ? ok('regular') : fail('characters');
}
