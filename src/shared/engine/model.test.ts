import { describe, expect, it } from 'vitest';
import { parseMoney } from '../money';
import { parseStoredNumber } from './model';

describe('stored numbers', () => {
  it('reads canonical decimals directly, exactly as parseMoney does', () => {
    const samples = ['0', '-0', '1', '-1', '341.8', '-341.8', '0.000001', '-0.000001', '999999999.999999', '12.340000', '007.5', '1234567'];
    for (const text of samples) expect(parseStoredNumber(text), text).toBe((parseMoney(text) as { value: number }).value);
    expect(parseStoredNumber('-0')).toBe(0);
    expect(Object.is(parseStoredNumber('-0'), -0)).toBe(false);
  });

  it('reads other spellings through parseMoney, and text that is no number as none', () => {
    expect(parseStoredNumber('1,234.5')).toBe(1_234_500_000);
    expect(parseStoredNumber('25%')).toBe(25_000_000);
    expect(parseStoredNumber('0.0000001')).toBeNull(); // more decimals than micro-units hold
    expect(parseStoredNumber('1234567890')).toBeNull(); // beyond the amount limit
    expect(parseStoredNumber('abc')).toBeNull();
    expect(parseStoredNumber('')).toBeNull();
    expect(parseStoredNumber(undefined)).toBeNull();
  });
});
