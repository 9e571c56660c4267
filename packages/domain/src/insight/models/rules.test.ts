import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { careSettings } from './routine.ts';
import {
  ALERT_RULES,
  checkMergedSettings,
  checkRuleSettings,
  DEFAULT_RULE_SETTINGS,
  effectiveSettings,
  RULE_SETTING_SPECS,
} from './rules.ts';

const isCategory = (code: string) => ['elderly-alone', 'home-quarantine'].includes(code);

describe('rule thresholds', () => {
  it('every default passes its own check', () => {
    for (const rule of ALERT_RULES) {
      const checked = checkRuleSettings(rule, DEFAULT_RULE_SETTINGS[rule], isCategory);
      expect(checked.ok, rule).toBe(true);
      expect(Object.keys(RULE_SETTING_SPECS[rule]).sort()).toEqual(
        Object.keys(DEFAULT_RULE_SETTINGS[rule]).sort(),
      );
    }
  });

  it('refuses unknown keys, values out of range, unknown categories, and names the field', () => {
    expect(checkRuleSettings('care-not-seen', { limitHours: 0 }, isCategory)).toMatchObject({
      ok: false,
      field: 'limitHours',
    });
    expect(checkRuleSettings('care-not-seen', { windowDays: 3 }, isCategory)).toMatchObject({
      ok: false,
      field: 'windowDays',
    });
    expect(checkRuleSettings('occupancy-excess', { minExcess: 2.5 }, isCategory)).toMatchObject({
      ok: false,
      field: 'minExcess',
    });
    expect(checkRuleSettings('quarantine-breach', { categories: ['nope'] }, isCategory)).toMatchObject({
      ok: false,
      field: 'categories',
    });
    expect(checkRuleSettings('device-offline', { severity: 'urgent' }, isCategory)).toMatchObject({
      ok: false,
      field: 'severity',
    });
    expect(checkRuleSettings('device-offline', [], isCategory).ok).toBe(false);
    expect(
      checkMergedSettings('unregistered-frequent', {
        ...DEFAULT_RULE_SETTINGS['unregistered-frequent'],
        minDays: 20,
      }).ok,
    ).toBe(false);
    expect(
      checkMergedSettings('care-not-seen', { ...DEFAULT_RULE_SETTINGS['care-not-seen'], limitHours: 400 }).ok,
    ).toBe(false);
  });

  it('lays the category override over the rule override over the defaults, key by key', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 1, max: 720 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 720 }), { nil: undefined }),
        fc.option(fc.integer({ min: 5, max: 43_200 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 720 }), { nil: undefined }),
        (ruleLimit, categoryLimit, ruleAck, registerLimit) => {
          const overrides = [
            {
              rule: 'care-not-seen',
              category: null,
              settings: {
                ...(ruleLimit === undefined ? {} : { limitHours: ruleLimit }),
                ...(ruleAck === undefined ? {} : { ackMinutes: ruleAck }),
              },
            },
            {
              rule: 'care-not-seen',
              category: 'elderly-alone',
              settings: categoryLimit === undefined ? {} : { limitHours: categoryLimit },
            },
            // another rule's and another category's rows never leak in
            { rule: 'device-offline', category: null, settings: { ackMinutes: 7 } },
            { rule: 'care-not-seen', category: 'disabled', settings: { limitHours: 3 } },
          ];
          const s = careSettings(overrides, 'elderly-alone', registerLimit ?? null);
          expect(s.limitHours).toBe(categoryLimit ?? registerLimit ?? ruleLimit ?? 48);
          expect(s.ackMinutes).toBe(ruleAck ?? DEFAULT_RULE_SETTINGS['care-not-seen'].ackMinutes);
          expect(s.lookbackDays).toBe(14);
        },
      ),
    );
  });

  it('ignores a stored override that is no longer valid instead of failing the run', () => {
    const s = effectiveSettings('occupancy-excess', [
      { rule: 'occupancy-excess', category: null, settings: { minExcess: -1, oldKey: true } },
    ]);
    expect(s).toEqual(DEFAULT_RULE_SETTINGS['occupancy-excess']);
  });
});
