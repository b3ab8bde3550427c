import type { DraftContent } from '../../../shared/draft';

/**
 * A small but complete budget in 元: 行政运行 and a 养老保险 line from the general budget, 小学教育
 * partly from 事业收入, a 征地和拆迁补偿 line from the fund budget, a state-capital line; its basic spending by
 * economic class; “三公” and 机关运行经费 in 万元, matching their economic lines.
 */
export function shanghaiBudget(scope: 'department' | 'unit'): DraftContent {
  const cells: Record<string, string> = {
    'income!2010301!fiscal': '1234567.89',
    'income!2080505!fiscal': '98765.43',
    'income!2050202!fiscal': '500000',
    'income!2050202!business': '120000.5',
    'income!2120801!fiscal': '55000.01',
    'income!2230105!fiscal': '7000',
    'spending!2010301!basic': '1000000',
    'spending!2010301!project': '234567.89',
    'spending!2080505!basic': '98765.43',
    'spending!2050202!basic': '420000.5',
    'spending!2050202!project': '200000',
    'spending!2120801!project': '55000.01',
    'spending!2230105!basic': '7000',
    'generalSpending!2010301!basic': '1000000',
    'generalSpending!2010301!project': '234567.89',
    'generalSpending!2080505!basic': '98765.43',
    'generalSpending!2050202!basic': '300000',
    'generalSpending!2050202!project': '200000',
    'fundSpending!2120801!project': '55000.01',
    'capitalSpending!2230105!basic': '7000',
    'basicEconomic!30101!personnel': '800000',
    'basicEconomic!30108!personnel': '98765.43',
    'basicEconomic!30201!public': '433400',
    'basicEconomic!30212!public': '12000',
    'basicEconomic!30217!public': '20000',
    'basicEconomic!30231!public': '34600',
    'threePublic!amount!abroad': '1.2',
    'threePublic!amount!reception': '2',
    'threePublic!amount!vehicleRunning': '3.46',
    'threePublic!amount!operatingCost': '50',
  };
  if (scope === 'unit') {
    Object.assign(cells, {
      'summary!c201!outPersonnel': '600000',
      'summary!c201!outPublic': '400000',
      'summary!c205!outPersonnel': '320000.5',
      'summary!c205!outPublic': '100000',
      'summary!c208!outPersonnel': '98765.43',
      'summary!c223!outPersonnel': '7000',
    });
  }
  const rows = ['2010301', '2080505', '2050202', '2120801', '2230105'];
  return {
    rows: {
      income: rows,
      spending: rows,
      generalSpending: ['2010301', '2080505', '2050202'],
      fundSpending: ['2120801'],
      capitalSpending: ['2230105'],
      basicEconomic: ['30101', '30108', '30201', '30212', '30217', '30231'],
    },
    cells,
  };
}
