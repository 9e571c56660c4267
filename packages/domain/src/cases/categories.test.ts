import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CaseCategory,
  categoryLimits,
  checkCategoryTree,
  DEFAULT_CASE_CATEGORIES,
  STEP_LIMIT_KEYS,
} from './categories.ts';

const H = 60;

describe('case categories', () => {
  it('seeds the source kinds of work, each with complete limits', () => {
    expect(checkCategoryTree(DEFAULT_CASE_CATEGORIES)).toBeNull();
    const tops = DEFAULT_CASE_CATEGORIES.filter((c) => !c.code.includes('.')).map((c) => c.name.zh);
    expect(tops).toEqual(['矛盾纠纷', '社会治安', '安全隐患', '环境卫生', '便民服务', '疫情防控', '其他']);
    for (const c of DEFAULT_CASE_CATEGORIES) {
      const limits = categoryLimits(DEFAULT_CASE_CATEGORIES, c.code);
      expect(limits, c.code).not.toBeNull();
      // The whole case leaves room for its steps.
      const l = limits!;
      expect(l.total, c.code).toBeGreaterThanOrEqual(l.register + l.assign + l.handle);
      expect(l.ack, c.code).toBeLessThanOrEqual(l.handle);
    }
  });

  it('inherits what a child does not set and halves urgent limits, but not the rating period', () => {
    expect(categoryLimits(DEFAULT_CASE_CATEGORIES, 'dispute.neighbour')).toMatchObject({
      register: 2 * H,
      handle: 3 * 24 * H,
      total: 7 * 24 * H,
    });
    const gas = categoryLimits(DEFAULT_CASE_CATEGORIES, 'safety.gas', 'urgent');
    expect(gas).toEqual({
      register: 15,
      assign: 60,
      ack: 15,
      handle: 2 * H,
      verify: 6 * H,
      respond: 2 * H,
      evaluate: 7 * 24 * H,
      total: 12 * H,
    });
    expect(categoryLimits(DEFAULT_CASE_CATEGORIES, 'nothing')).toBeNull();
    const odd: CaseCategory[] = [
      { code: 'x', name: { zh: '某', en: 'x' }, limits: { ...gas!, register: 45 } },
    ];
    expect(categoryLimits(odd, 'x', 'urgent')?.register).toBe(23);
  });

  it('refuses trees that would leave a case without limits', () => {
    const top = DEFAULT_CASE_CATEGORIES[0]!;
    const cases: [CaseCategory[], string][] = [
      [[{ ...top, code: 'Disputes' }], 'code.format'],
      [[{ ...top, code: 'a.b.c.d' }], 'code.format'],
      [[top, top], 'duplicate'],
      [[{ ...top, code: 'x.y' }], 'parent.missing'],
      [[{ ...top, limits: { register: 60 } }], 'limits.missing'],
      [[{ ...top, limits: { ...top.limits, handle: 0 } }], 'limit.range'],
      [[{ ...top, limits: { ...top.limits, handle: 1.5 } }], 'limit.range'],
      [[{ ...top, name: { zh: ' ', en: 'disputes' } }], 'name.required'],
    ];
    for (const [tree, rule] of cases) {
      const problem = checkCategoryTree(tree);
      expect(problem?.rule).toBe(rule);
      expect(problem?.message.zh && problem.message.en).toBeTruthy();
    }
  });

  it('gives every category of a valid tree every limit', () => {
    const limits = fc.record(
      Object.fromEntries(STEP_LIMIT_KEYS.map((k) => [k, fc.integer({ min: 1, max: 10_000 })])),
    );
    const partial = fc.dictionary(fc.constantFrom(...STEP_LIMIT_KEYS), fc.integer({ min: 1, max: 10_000 }));
    fc.assert(
      fc.property(limits, fc.array(partial, { maxLength: 5 }), (topLimits, children) => {
        const tree: CaseCategory[] = [
          { code: 'top', name: { zh: '顶', en: 'top' }, limits: topLimits },
          ...children.map((l, i) => ({ code: `top.c${i}`, name: { zh: '子', en: 'child' }, limits: l })),
        ];
        expect(checkCategoryTree(tree)).toBeNull();
        for (const c of tree) {
          const resolved = categoryLimits(tree, c.code)!;
          for (const key of STEP_LIMIT_KEYS) expect(resolved[key]).toBe(c.limits[key] ?? topLimits[key]);
        }
      }),
    );
  });
});
