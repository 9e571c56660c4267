import { checkIdNumber, idGender } from '@civgrid/domain';
import { describe, expect, it } from 'vitest';
import { dayInYear, IdentityRegistry, PhoneBook } from './identity.ts';

describe('IdentityRegistry', () => {
  it('hands out every sequence of a day once, then moves the birth to the next day', () => {
    const registry = new IdentityRegistry();
    const day = dayInYear(1990, 0); // 1990-01-01
    const issued = Array.from({ length: 1200 }, (_, i) =>
      registry.issue('131002', day, i % 2 ? 'male' : 'female'),
    );
    const numbers = issued.map((x) => x.idNumber);
    expect(new Set(numbers).size).toBe(1200);
    expect(numbers.every((n) => checkIdNumber(n, new Date('2026-03-01')) === null)).toBe(true);
    expect(issued.every((x, i) => idGender(x.idNumber) === (i % 2 ? 'male' : 'female'))).toBe(true);
    // 499 women and 500 men fit on 1990-01-01; the next ones are born on 1990-01-02.
    const dates = issued.map((x) => x.birthDate);
    expect(dates.filter((d) => d === '1990-01-01')).toHaveLength(999);
    expect(dates.filter((d) => d === '1990-01-02')).toHaveLength(201);
  });

  it('keeps regions apart: the same day and gender elsewhere starts afresh', () => {
    const registry = new IdentityRegistry();
    const day = dayInYear(1980, 0.5);
    const here = registry.issue('131002', day, 'male');
    const there = registry.issue('110105', day, 'male');
    expect(here.birthDate).toBe(there.birthDate);
    expect(here.idNumber.slice(0, 6)).toBe('131002');
    expect(there.idNumber.slice(0, 6)).toBe('110105');
  });
});

describe('dayInYear', () => {
  it('covers the whole year, leap day included', () => {
    const registry = new IdentityRegistry();
    expect(registry.issue('131002', dayInYear(2000, 0), 'male').birthDate).toBe('2000-01-01');
    expect(registry.issue('131002', dayInYear(2000, 59.5 / 366), 'male').birthDate).toBe('2000-02-29');
    expect(registry.issue('131002', dayInYear(2025, 0.9999), 'male').birthDate).toBe('2025-12-31');
  });
});

describe('PhoneBook', () => {
  it('never repeats a number and issues mainland mobiles', () => {
    const book = new PhoneBook(7);
    const phones = Array.from({ length: 200_000 }, (_, i) => book.issue((i % 97) / 97));
    expect(new Set(phones).size).toBe(phones.length);
    expect(phones.every((p) => /^1[3-9]\d{9}$/.test(p))).toBe(true);
  });

  it('depends on the seed', () => {
    expect(new PhoneBook(1).issue(0)).not.toBe(new PhoneBook(2).issue(0));
  });
});
