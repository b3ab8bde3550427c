import type { DraftContent } from '../../draft';

/** A small 上海 2026 budget: 项 rows of the coded tables, one 三公 figure. */
export const SHANGHAI_SMALL: DraftContent = {
  rows: { income: ['2040601', '2050202'], spending: ['2040601', '2050202'], generalSpending: ['2040601'], basicEconomic: ['30101'] },
  cells: {
    'income!2040601!fiscal': '1200000',
    'income!2050202!business': '50000.5',
    'spending!2040601!basic': '1000000',
    'spending!2040601!project': '200000',
    'spending!2050202!basic': '50000.5',
    'generalSpending!2040601!basic': '1000000',
    'basicEconomic!30101!personnel': '1000000',
    'threePublic!amount!reception': '2',
  },
};
