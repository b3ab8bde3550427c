import { describe, expect, it } from 'vitest';
import { convertUnit, formatMoney, money, parseMoney, toDecimalString, toFixedString } from './money';

describe('parseMoney', () => {
  it.each([
    ['1,234.5', '1234.5'],
    ['１２３４．５', '1234.5'],
    ['￥1,000', '1000'],
    ['¥ 12.30', '12.3'],
    ['  409.30 ', '409.3'],
    ['-5', '-5'],
    ['(12.5)', '-12.5'],
    ['.5', '0.5'],
    ['0', '0'],
  ])('accepts %s', (input, canonical) => {
    const r = parseMoney(input);
    expect(r.ok && r.value !== null && toDecimalString(r.value)).toBe(canonical);
  });

  it.each(['', '   ', '-'])('treats %j as blank', (input) => {
    expect(parseMoney(input)).toEqual({ ok: true, value: null });
  });

  it.each(['12a', '1.2.3', '--5', '1,23', 'abc', '1e5', '0.0000001'])('refuses %s with a Chinese message', (input) => {
    const r = parseMoney(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/金额|小数/);
  });

  it('rounds spreadsheet floats in decimal, not binary', () => {
    const r = parseMoney(409.29999999999995);
    expect(r.ok && r.value !== null && toDecimalString(r.value)).toBe('409.3');
  });

  it('sums exactly where floats do not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toDecimalString(money('0.1') + money('0.2'))).toBe('0.3');
  });
});

describe('formatting', () => {
  it('two decimals with thousands separators, half away from zero', () => {
    expect(formatMoney(money('1234567.891'))).toBe('1,234,567.89');
    expect(formatMoney(money('0.005'))).toBe('0.01');
    expect(formatMoney(money('-0.005'))).toBe('-0.01');
    expect(formatMoney(money('-1234.5'))).toBe('-1,234.50');
    expect(toFixedString(money('-0.004'))).toBe('0.00');
    expect(formatMoney(null)).toBe('');
  });
});

describe('convertUnit', () => {
  it('scales up exactly and down to the micro-unit, rounding half away from zero', () => {
    expect(convertUnit(money('1.5'), '万元', '元')).toEqual({ value: money('15000'), rounded: false });
    expect(convertUnit(money('2'), '千元', '元')).toEqual({ value: money('2000'), rounded: false });
    expect(convertUnit(money('1234.56'), '元', '万元')).toEqual({ value: money('0.123456'), rounded: false });
    expect(convertUnit(money('12345.005'), '元', '万元')).toEqual({ value: money('1.234501'), rounded: true });
    expect(convertUnit(money('-12345.005'), '元', '万元')).toEqual({ value: money('-1.234501'), rounded: true });
    expect(convertUnit(money('-0.004'), '元', '万元')).toEqual({ value: 0, rounded: true });
    expect(convertUnit(money('1500'), '元', '千元')).toEqual({ value: money('1.5'), rounded: false });
    expect(convertUnit(money('7'), '万元', '万元')).toEqual({ value: money('7'), rounded: false });
  });

  it('refuses a figure that leaves the exact range', () => {
    expect(() => convertUnit(money('999999999'), '万元', '元')).toThrow(RangeError);
  });
});
