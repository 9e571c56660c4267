import { describe, expect, it } from 'vitest';
import { drawFullName, drawGivenName, drawSurname } from './person-names.ts';
import {
  drawCommunityName,
  drawEstateName,
  drawStreetName,
  drawTownName,
  drawVillageName,
} from './place-names.ts';
import { Random } from './random.ts';

describe('personal names', () => {
  it('draws surnames by frequency: 王, 李 and 张 lead', () => {
    const random = new Random(1);
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const s = drawSurname(random);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const top = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([s]) => s);
    expect(new Set(top)).toEqual(new Set(['王', '李', '张']));
    expect(counts.size).toBeGreaterThan(80);
  });

  it('gives one- or two-character given names in the fashion of the birth year', () => {
    const random = new Random(2);
    const old = new Set(Array.from({ length: 500 }, () => drawGivenName(random, 'female', 1940)));
    const young = new Set(Array.from({ length: 500 }, () => drawGivenName(random, 'female', 2015)));
    expect(old.has('秀英')).toBe(true);
    expect(young.has('秀英')).toBe(false);
    expect([...old, ...young].every((n) => n.length >= 1 && n.length <= 2)).toBe(true);
    expect(drawFullName(random, 'male', 1980)).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
  });
});

describe('place names', () => {
  it('have the suffix of their kind and never repeat within one set of used names', () => {
    const random = new Random(3);
    const used = new Set<string>();
    const names = [
      ...Array.from({ length: 30 }, () => drawStreetName(random, used).name),
      ...Array.from({ length: 30 }, () => drawTownName(random, used, '镇').name),
      ...Array.from({ length: 30 }, () => drawTownName(random, used, '乡').name),
      ...Array.from({ length: 600 }, () => drawVillageName(random, used).name),
      ...Array.from({ length: 600 }, () => drawCommunityName(random, used).name),
    ];
    expect(new Set(names).size).toBe(names.length);
    expect(names.slice(0, 30).every((n) => n.endsWith('街道'))).toBe(true);
    expect(names.slice(30, 60).every((n) => n.endsWith('镇'))).toBe(true);
    expect(names.slice(60, 90).every((n) => n.endsWith('乡') && !n.endsWith('镇'))).toBe(true);
    expect(names.slice(90, 690).every((n) => n.endsWith('村'))).toBe(true);
    expect(names.slice(690).every((n) => n.endsWith('社区'))).toBe(true);
  });

  it('gives a repeated estate name a later phase', () => {
    const random = new Random(4);
    const used = new Set<string>();
    const estates = Array.from({ length: 1000 }, () => drawEstateName(random, used));
    expect(new Set(estates).size).toBe(1000);
    expect(estates.some((e) => /[二三四五六七八九]期$/.test(e))).toBe(true);
  });
});
