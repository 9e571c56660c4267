// The alert rules and their thresholds as data: defaults here, overrides stored per rule and per attention
// category (`alert_rule_setting`), merged by `effectiveSettings`. Every model reads its thresholds from
// what this file answers, and copies them into each alert's evidence.

import type { Message } from '../../registry/rules.ts';

/** The rules the periodic models raise. */
export const MODEL_RULES = [
  'care-not-seen',
  'occupancy-excess',
  'unregistered-frequent',
  'quarantine-breach',
  'device-offline',
] as const;
export type ModelRule = (typeof MODEL_RULES)[number];

/** Every alert rule: the models' and the watchlist's (raised by its matcher, not by a periodic model). */
export const ALERT_RULES = [...MODEL_RULES, 'watchlist-hit'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export const ALERT_SEVERITIES = ['low', 'medium', 'high'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** Who an alert goes to first: the grid's worker or the community police officer. */
export const DISPATCH_TARGETS = ['grid-worker', 'police'] as const;
export type DispatchTarget = (typeof DISPATCH_TARGETS)[number];

/** What every rule has: whether it runs, how grave its alerts are, who gets them, how long they may wait
 *  for an acknowledgement before the township centre gets them, and how long a closed alert keeps the
 *  same situation quiet when the situation cannot be dated (occupancy, frequent identities). */
export interface CommonSettings {
  enabled: boolean;
  severity: AlertSeverity;
  dispatchTo: DispatchTarget;
  ackMinutes: number;
  quietHours: number;
}

export interface CareSettings extends CommonSettings {
  /** Hours unseen before a welfare visit is asked for, when the category sets no care limit of its own. */
  limitHours: number;
  /** Days of events the routine is drawn from; someone unseen for all of them has no last sighting. */
  lookbackDays: number;
}

export interface OccupancySettings extends CommonSettings {
  windowDays: number;
  /** Days (of the window) someone must enter on to count as living there rather than visiting. */
  minDays: number;
  /** Occupants beyond the registered residents that raise the alert. */
  minExcess: number;
}

export interface UnregisteredSettings extends CommonSettings {
  windowDays: number;
  /** K: days of the window an identity must be seen on in the community. */
  minDays: number;
  kinds: ('person' | 'vehicle')[];
}

export interface QuarantineSettings extends CommonSettings {
  /** The attention categories that mean "stays at home". */
  categories: string[];
  lookbackHours: number;
  /** Also a breach: any sighting at a device of another community (they are out, whichever way they left). */
  isSightingElsewhereBreach: boolean;
}

export interface DeviceOfflineSettings extends CommonSettings {
  /** Minutes past the device's own `offline_minutes` before it is reported. */
  graceMinutes: number;
  /** Report devices never heard from at all (a device still being installed is not offline). */
  isNeverSeenOffline: boolean;
  lookbackDays: number;
}

export type WatchlistSettings = CommonSettings;

export interface RuleSettingsMap {
  'care-not-seen': CareSettings;
  'occupancy-excess': OccupancySettings;
  'unregistered-frequent': UnregisteredSettings;
  'quarantine-breach': QuarantineSettings;
  'device-offline': DeviceOfflineSettings;
  'watchlist-hit': WatchlistSettings;
}

export const DEFAULT_RULE_SETTINGS: { readonly [R in AlertRule]: Readonly<RuleSettingsMap[R]> } = {
  'care-not-seen': {
    enabled: true,
    severity: 'medium',
    dispatchTo: 'grid-worker',
    ackMinutes: 240,
    quietHours: 0,
    limitHours: 48,
    lookbackDays: 14,
  },
  'occupancy-excess': {
    enabled: true,
    severity: 'medium',
    dispatchTo: 'grid-worker',
    ackMinutes: 1440,
    quietHours: 720,
    windowDays: 30,
    minDays: 3,
    minExcess: 2,
  },
  'unregistered-frequent': {
    enabled: true,
    severity: 'low',
    dispatchTo: 'grid-worker',
    ackMinutes: 4320,
    quietHours: 336,
    windowDays: 14,
    minDays: 5,
    kinds: ['person', 'vehicle'],
  },
  'quarantine-breach': {
    enabled: true,
    severity: 'high',
    dispatchTo: 'police',
    ackMinutes: 30,
    quietHours: 0,
    categories: ['home-quarantine'],
    lookbackHours: 24,
    isSightingElsewhereBreach: true,
  },
  'device-offline': {
    enabled: true,
    severity: 'low',
    dispatchTo: 'grid-worker',
    ackMinutes: 720,
    quietHours: 0,
    graceMinutes: 0,
    isNeverSeenOffline: false,
    lookbackDays: 7,
  },
  'watchlist-hit': {
    enabled: true,
    severity: 'high',
    dispatchTo: 'police',
    ackMinutes: 15,
    quietHours: 0,
  },
};

type FieldSpec =
  | { kind: 'int'; min: number; max: number }
  | { kind: 'bool' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'list'; values: readonly string[] | 'category' };

const COMMON_SPEC: Record<keyof CommonSettings, FieldSpec> = {
  enabled: { kind: 'bool' },
  severity: { kind: 'enum', values: ALERT_SEVERITIES },
  dispatchTo: { kind: 'enum', values: DISPATCH_TARGETS },
  ackMinutes: { kind: 'int', min: 5, max: 43_200 },
  quietHours: { kind: 'int', min: 0, max: 8760 },
};

/** What each setting may hold. */
export const RULE_SETTING_SPECS: { readonly [R in AlertRule]: Record<keyof RuleSettingsMap[R], FieldSpec> } =
  {
    'care-not-seen': {
      ...COMMON_SPEC,
      limitHours: { kind: 'int', min: 1, max: 720 },
      lookbackDays: { kind: 'int', min: 2, max: 60 },
    },
    'occupancy-excess': {
      ...COMMON_SPEC,
      windowDays: { kind: 'int', min: 1, max: 60 },
      minDays: { kind: 'int', min: 1, max: 60 },
      minExcess: { kind: 'int', min: 1, max: 100 },
    },
    'unregistered-frequent': {
      ...COMMON_SPEC,
      windowDays: { kind: 'int', min: 1, max: 60 },
      minDays: { kind: 'int', min: 1, max: 60 },
      kinds: { kind: 'list', values: ['person', 'vehicle'] },
    },
    'quarantine-breach': {
      ...COMMON_SPEC,
      categories: { kind: 'list', values: 'category' },
      lookbackHours: { kind: 'int', min: 1, max: 720 },
      isSightingElsewhereBreach: { kind: 'bool' },
    },
    'device-offline': {
      ...COMMON_SPEC,
      graceMinutes: { kind: 'int', min: 0, max: 10_080 },
      isNeverSeenOffline: { kind: 'bool' },
      lookbackDays: { kind: 'int', min: 1, max: 60 },
    },
    'watchlist-hit': COMMON_SPEC,
  };

/** Rules whose thresholds may differ per attention category (they concern tagged people). */
export const CATEGORY_SCOPED_RULES: readonly AlertRule[] = ['care-not-seen', 'quarantine-breach'];

export const ALERT_RULE_LABELS: Readonly<Record<AlertRule, Message>> = {
  'care-not-seen': { zh: '关爱对象长时间未出现', en: 'Person in care not seen' },
  'occupancy-excess': { zh: '房屋居住人数超出登记', en: 'More occupants than registered' },
  'unregistered-frequent': { zh: '未登记人员车辆频繁出现', en: 'Unregistered identity seen often' },
  'quarantine-breach': { zh: '居家隔离人员外出', en: 'Home quarantine breached' },
  'device-offline': { zh: '感知设备离线', en: 'Sensing device offline' },
  'watchlist-hit': { zh: '布控对象出现', en: 'Watchlist hit' },
};

/** True when `value` names an alert rule. */
export function isAlertRule(value: string): value is AlertRule {
  return (ALERT_RULES as readonly string[]).includes(value);
}

/** A stored override: the rule's own (`category` null) or one category's. */
export interface RuleOverride {
  rule: string;
  category: string | null;
  settings: Readonly<Record<string, unknown>>;
}

/** The thresholds in force for `rule` (and, for people, `category`): defaults, then the rule's override,
 *  then the category's. Keys an override does not know or values it may not hold are ignored, so a stored
 *  row written by an older version never breaks a run. */
export function effectiveSettings<R extends AlertRule>(
  rule: R,
  overrides: readonly RuleOverride[],
  category?: string | null,
): RuleSettingsMap[R] {
  const ruleLevel = overlaySettings(
    rule,
    DEFAULT_RULE_SETTINGS[rule] as RuleSettingsMap[R],
    overrides.find((o) => o.rule === rule && o.category === null),
  );
  return category
    ? overlaySettings(
        rule,
        ruleLevel,
        overrides.find((o) => o.rule === rule && o.category === category),
      )
    : ruleLevel;
}

/** `base` with the valid keys of `override` laid over it (an invalid override changes nothing). */
export function overlaySettings<R extends AlertRule>(
  rule: R,
  base: RuleSettingsMap[R],
  override: RuleOverride | undefined,
): RuleSettingsMap[R] {
  if (!override) return { ...base };
  const checked = checkRuleSettings(rule, override.settings, () => true);
  return checked.ok ? ({ ...base, ...checked.settings } as RuleSettingsMap[R]) : { ...base };
}

export type SettingsCheck =
  | { ok: true; settings: Partial<Record<string, unknown>> }
  | { ok: false; field: string; message: Message };

const refuse = (field: string, zh: string, en: string): SettingsCheck => ({
  ok: false,
  field,
  message: { zh: `${field}：${zh}`, en: `${field}: ${en}` },
});

/** Checks an override for `rule`: every key known and every value in range; `isCategory` says which
 *  attention category codes exist. Answers the settings given (not merged with anything). */
export function checkRuleSettings(
  rule: AlertRule,
  raw: unknown,
  isCategory: (code: string) => boolean,
): SettingsCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return refuse('settings', '应为对象', 'must be an object');
  const specs = RULE_SETTING_SPECS[rule] as Record<string, FieldSpec>;
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const spec = specs[key];
    if (!spec) return refuse(key, '此规则没有该设置', 'this rule has no such setting');
    const problem = checkValue(spec, value, isCategory);
    if (problem) return refuse(key, problem.zh, problem.en);
    settings[key] = Array.isArray(value) ? [...new Set(value)] : value;
  }
  return { ok: true, settings };
}

function checkValue(spec: FieldSpec, value: unknown, isCategory: (code: string) => boolean): Message | null {
  switch (spec.kind) {
    case 'bool':
      return typeof value === 'boolean' ? null : { zh: '应为 true 或 false', en: 'must be true or false' };
    case 'int':
      return Number.isInteger(value) && (value as number) >= spec.min && (value as number) <= spec.max
        ? null
        : {
            zh: `应为 ${spec.min} 到 ${spec.max} 之间的整数`,
            en: `must be a whole number from ${spec.min} to ${spec.max}`,
          };
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value)
        ? null
        : { zh: `应为 ${spec.values.join('、')} 之一`, en: `must be one of ${spec.values.join(', ')}` };
    case 'list': {
      const known = (v: unknown) =>
        typeof v === 'string' && (spec.values === 'category' ? isCategory(v) : spec.values.includes(v));
      return Array.isArray(value) && value.length > 0 && value.every(known)
        ? null
        : spec.values === 'category'
          ? { zh: '应为非空的关注类别编码列表', en: 'must be a non-empty list of attention category codes' }
          : {
              zh: `应为 ${spec.values.join('、')} 组成的非空列表`,
              en: `must be a non-empty list of ${spec.values.join(', ')}`,
            };
    }
  }
}

/** Checks that an override's windows are coherent once merged (a minimum of days inside its window). */
export function checkMergedSettings<R extends AlertRule>(rule: R, merged: RuleSettingsMap[R]): SettingsCheck {
  const s = merged as unknown as Record<string, number>;
  if ('minDays' in s && 'windowDays' in s && s.minDays! > s.windowDays!)
    return refuse('minDays', '不能大于 windowDays', 'may not exceed windowDays');
  if (rule === 'care-not-seen' && s.limitHours! >= s.lookbackDays! * 24)
    return refuse('limitHours', '应短于 lookbackDays', 'must be shorter than lookbackDays');
  return { ok: true, settings: merged as unknown as Record<string, unknown> };
}
