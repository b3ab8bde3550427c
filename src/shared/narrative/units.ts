import Decimal from 'decimal.js';
import type { Micro } from '../money';
import type { UnitOfMeasure } from '../template/types';

/** How many 元 a unit is. */
const YUAN: Record<UnitOfMeasure, number> = { 元: 1, 万元: 10_000 };

/**
 * A money figure (micro-units of `from`) in another unit, exactly: 元 with two decimals are
 * whole micro-units of 万元; anything finer is rounded half up to the micro-unit.
 */
export function convertMicro(value: Micro, from: UnitOfMeasure, to: UnitOfMeasure): Micro {
  if (from === to) return value;
  const factor = YUAN[from] / YUAN[to];
  if (factor >= 1) return value * factor;
  const divisor = YUAN[to] / YUAN[from];
  if (value % divisor === 0) return value / divisor;
  return new Decimal(value).div(divisor).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}
