/**
 * Sentences in the styles of published 部门预算 情况说明 (北京, 上海, 浙江, 江苏, 广东, 四川, 河北)
 * for the sections the figures of 收支 do not cover: "三公"经费 and its changes, 机关运行经费,
 * 政府采购, 国有资产占用, 绩效目标 and 当年财政拨款. Each is written against the seed budget
 * (巨鹿县行政审批局 2024) with the cells its case sets, as a clerk of that province would write it
 * (right: no finding), and made wrong in one place as published disclosures get it wrong (one
 * finding, of this check, on these cells, saying this).
 */

export interface WrongSentence {
  text: string;
  check: string;
  cells: string[];
  /** Words the message must hold (what the tables say). */
  says: string;
}

export interface PublishedCase {
  /** The province whose disclosures the sentence follows. */
  style: string;
  section: string;
  /** Records of list tables (政府采购), then cells, set on the seed before the text. */
  rows?: Record<string, string[]>;
  cells?: Record<string, string>;
  right: string;
  wrong: WrongSentence[];
}

/**
 * The 三公 figures and last year's: 三公 23.50 (上年 25.00: −1.50, −6.00%); 因公出国（境）费 2.00
 * (3.00: −1.00, −33.33%); 公务用车购置及运维费 21.00 (18.00: +3.00, +16.67%), 购置 20.00 (17.00:
 * +3.00), 运行维护 1.00 (1.00: 持平); 公务接待费 0.50 (4.00: −3.50, −87.50%).
 */
const THREE_PUBLIC: Record<string, string> = {
  't09!abroadOther!general': '2',
  't09!vehiclePurchase!general': '20',
  't09!reception!general': '0.5',
  'py!threeTotal!prior': '25',
  'py!abroad!prior': '3',
  'py!vehicle!prior': '18',
  'py!vehiclePurchase!prior': '17',
  'py!vehicleRunning!prior': '1',
  'py!reception!prior': '4',
};

/** 机关运行经费 46.80 (表6 公用经费), last year 45.37: +1.43, +3.15%. */
const OPERATING: Record<string, string> = { 'py!operating!prior': '45.37' };

/** 政府采购 20.00: 货物 (A…) 8.00, 服务 (C…) 12.00; 预留中小企业 15.00 (75%). */
const PROCUREMENT_ROWS = { t11: ['b1', 'b2'] };
const PROCUREMENT: Record<string, string> = {
  't11!b1!project': '办公设备购置',
  't11!b1!item': '台式计算机',
  't11!b1!catalog': 'A02010104',
  't11!b1!general': '8',
  't11!b1!smeShare': '3',
  't11!b2!project': '政务服务中心物业管理',
  't11!b2!item': '物业管理服务',
  't11!b2!catalog': 'C21040000',
  't11!b2!general': '12',
  't11!b2!smeShare': '12',
};

/** 表12: 2 vehicles, 1 piece of equipment over 20 万元 worth 60.00. */
const ASSETS: Record<string, string> = { 't12!vehicles!quantity': '2', 't12!equipment!quantity': '1', 't12!equipment!value': '60' };

/** Cells of a row of the 上年对比. */
const pyCells = (row: string, ...cols: string[]) => cols.map((c) => `py!${row}!${c}`);

export const PUBLISHED_CASES: PublishedCase[] = [
  // ---------------------------------------------------------------- "三公"经费
  {
    style: '北京',
    section: 's04',
    cells: THREE_PUBLIC,
    right:
      '2024年“三公”经费财政拨款预算数为23.50万元，比2023年减少1.50万元，下降6.00%。其中：因公出国（境）费2.00万元，比2023年减少1.00万元，主要原因是压减出国团组；' +
      '公务用车购置及运行费21.00万元，比2023年增加3.00万元，主要原因是车辆更新；公务接待费0.50万元，比2023年减少3.50万元，主要原因是严格控制接待标准。',
    wrong: [
      { text: '2024年“三公”经费财政拨款预算数为23.60万元，比2023年减少1.50万元，下降6.00%。', check: 'figure', cells: ['t09!threeTotal!total'], says: '为 23.50 万元，文中为 23.60 万元' },
      { text: '2024年“三公”经费财政拨款预算数为23.50万元，比2023年增加1.50万元。', check: 'direction', cells: pyCells('threeTotal', 'prior', 'current'), says: '实际减少 1.50 万元，应写“减少”' },
      { text: '2024年“三公”经费财政拨款预算数为23.50万元，比2023年减少1.50万元，下降6.50%。', check: 'change', cells: pyCells('threeTotal', 'prior', 'current', 'rate'), says: '变动率为 6.00%，文中为 6.50%' },
      // 公务用车购置及运行费 is the 车 line, not the 三公 total the sentence began with.
      { text: '其中：公务用车购置及运行费21.00万元，比2023年减少3.00万元，主要原因是车辆更新。', check: 'direction', cells: pyCells('vehicle', 'prior', 'current'), says: '上年公务用车购置及运维费 18.00 万元，本年 21.00 万元，实际增加 3.00 万元，应写“增加”' },
    ],
  },
  {
    style: '上海',
    section: 's04',
    cells: THREE_PUBLIC,
    right:
      '2024年“三公”经费预算数为23.50万元，比2023年预算减少1.50万元。其中：因公出国（境）费2.00万元，比2023年预算减少1.00万元，主要原因是减少出访团组；' +
      '公务接待费0.50万元，比2023年预算减少3.50万元，主要原因是压减接待批次；公务用车购置及运行费21.00万元，比2023年预算增加3.00万元，主要原因是更新1辆执法执勤用车。' +
      '其中：公务用车购置费20.00万元，比2023年预算增加3.00万元；公务用车运行费1.00万元，与2023年预算持平。',
    wrong: [
      { text: '其中：公务用车购置费20.00万元，比2023年预算增加2.00万元；公务用车运行费1.00万元，与2023年预算持平。', check: 'change', cells: pyCells('vehiclePurchase', 'prior', 'current', 'change'), says: '实际增加 3.00 万元，文中为 2.00 万元' },
      { text: '其中：公务用车购置费20.00万元，比2023年预算增加3.00万元；公务用车运行费1.00万元，比2023年预算增加0.50万元。', check: 'direction', cells: pyCells('vehicleRunning', 'prior', 'current'), says: '实际持平，应写“持平”' },
    ],
  },
  {
    style: '浙江',
    section: 's04',
    cells: THREE_PUBLIC,
    right: '2024年度“三公”经费财政拨款预算为23.50万元，较上年预算减少1.50万元，下降6%。',
    wrong: [{ text: '2024年度“三公”经费财政拨款预算为23.50万元，较上年预算减少1.50万元，下降7%。', check: 'change', cells: pyCells('threeTotal', 'prior', 'current', 'rate'), says: '变动率为 6.00%，文中为 7%' }],
  },
  {
    style: '广东',
    section: 's04',
    cells: THREE_PUBLIC,
    // The change said before the words of the figure changed: "压减公务接待费 3.5 万元".
    right: '2024年“三公”经费预算23.5万元，比上年预算减少1.5万元，下降6.0%，主要原因是严格落实过紧日子要求，压减公务接待费3.5万元。',
    wrong: [
      { text: '2024年“三公”经费预算23.5万元，比上年预算减少1.5万元，主要原因是严格落实过紧日子要求，压减公务接待费3.0万元。', check: 'change', cells: pyCells('reception', 'prior', 'current', 'change'), says: '上年公务接待费 4.00 万元，本年 0.50 万元，实际减少 3.50 万元，文中为 3.00 万元' },
      { text: '2024年“三公”经费预算23.5万元，比上年预算减少1.5万元，主要原因是增加了公务接待费3.5万元。', check: 'direction', cells: pyCells('reception', 'prior', 'current'), says: '实际减少 3.50 万元，应写“减少”' },
    ],
  },
  {
    style: '四川',
    section: 's04',
    cells: THREE_PUBLIC,
    right: '“三公”经费预算安排23.50万元，较上年减少1.50万元，降幅6%。其中，公务用车购置费20.00万元，公务用车运行维护费1.00万元，与上年持平。',
    wrong: [{ text: '“三公”经费预算安排23.50万元，较上年减少1.50万元，降幅16%。', check: 'change', cells: pyCells('threeTotal', 'prior', 'current', 'rate'), says: '变动率为 6.00%，文中为 16%' }],
  },
  {
    style: '四川',
    section: 's04',
    cells: THREE_PUBLIC,
    // "运行费" (a cost no label knows) has its own change, not the 购置费's before it.
    right: '“三公”经费预算较上年减少1.50万元，其中：公务接待费减少3.50万元；公务用车购置及运行费增加3.00万元，其中公务用车购置费增加3.00万元，运行费与上年持平。',
    wrong: [{ text: '“三公”经费预算较上年减少1.50万元，其中：公务接待费减少3.00万元；公务用车购置及运行费增加3.00万元。', check: 'change', cells: pyCells('reception', 'prior', 'current', 'change'), says: '实际减少 3.50 万元，文中为 3.00 万元' }],
  },
  {
    style: '北京',
    section: 's04',
    cells: THREE_PUBLIC,
    // A change said after a cost the tables do not hold is that cost's, not the line's before it.
    right: '公务用车购置及运行费21.00万元，其中车辆保险费1.00万元，比上年增加0.50万元。',
    wrong: [{ text: '公务用车购置及运行费22.00万元，其中车辆保险费1.00万元，比上年增加0.50万元。', check: 'figure', cells: ['t09!vehicle!total'], says: '为 21.00 万元，文中为 22.00 万元' }],
  },
  {
    style: '江苏',
    section: 's04',
    cells: THREE_PUBLIC,
    right:
      '2024年度一般公共预算拨款安排的“三公”经费预算中，因公出国（境）费预算2.00万元，比上年预算减少1.00万元，主要原因是减少出访；公务用车购置费预算20.00万元，比上年预算增加3.00万元；' +
      '公务用车运行维护费预算1.00万元，比上年预算持平；公务接待费预算0.50万元，比上年预算减少3.50万元。',
    wrong: [{ text: '公务接待费预算0.50万元，比上年预算增加3.50万元。', check: 'direction', cells: pyCells('reception', 'prior', 'current'), says: '上年公务接待费 4.00 万元，本年 0.50 万元，实际减少 3.50 万元，应写“减少”' }],
  },
  {
    style: '河北',
    section: 's04',
    cells: THREE_PUBLIC,
    right: '因公出国（境）费较上年减少1.00万元，下降33.33%；公务接待费较上年减少3.50万元，下降87.5%；公务用车购置及运维费较上年增加3万元，增长16.67%。',
    wrong: [{ text: '因公出国（境）费较上年减少1.00万元，下降30.33%。', check: 'change', cells: pyCells('abroad', 'prior', 'current', 'rate'), says: '变动率为 33.33%，文中为 30.33%' }],
  },
  {
    style: '北京',
    section: 's04',
    cells: THREE_PUBLIC,
    // Last year's figure in the comparison ("较2023年的 25.00 万元").
    right: '2024年部门“三公”经费预算支出23.50万元，较2023年的25.00万元减少1.50万元。',
    wrong: [{ text: '2024年部门“三公”经费预算支出23.50万元，较2023年的26.00万元减少1.50万元。', check: 'figure', cells: ['py!threeTotal!prior'], says: '“上年对比”““三公”经费”行“上年预算数”栏为 25.00 万元，文中为 26.00 万元' }],
  },
  {
    style: '浙江',
    section: 's04',
    cells: THREE_PUBLIC,
    // Last year's 决算 is not the 上年预算数 the 上年对比 holds.
    right: '2024年“三公”经费预算23.50万元，比2023年预算减少1.50万元；2023年“三公”经费决算数为24.00万元。',
    wrong: [{ text: '2024年“三公”经费预算23.50万元，比2023年预算减少2.50万元；2023年“三公”经费决算数为24.00万元。', check: 'change', cells: pyCells('threeTotal', 'prior', 'current', 'change'), says: '实际减少 1.50 万元，文中为 2.50 万元' }],
  },
  {
    style: '河北',
    section: 's02',
    // The parts of a change, each said before its figure's words.
    right: '基本支出减少95.77万元，主要是减少人员经费97.20万元，增加日常公用经费1.43万元。',
    wrong: [{ text: '基本支出减少95.77万元，主要是减少人员经费97.20万元，增加日常公用经费2.43万元。', check: 'change', cells: pyCells('public', 'prior', 'current', 'change'), says: '实际增加 1.43 万元，文中为 2.43 万元' }],
  },
  {
    style: '广东',
    section: 's02',
    // An economic 款 of table 6 (培训费 4.00) has its own change, whose last year is not known: not the total's.
    right: '其中：培训费4.00万元，比上年增加2.00万元，主要是新增业务培训。',
    wrong: [{ text: '其中：培训费5.00万元，比上年增加2.00万元，主要是新增业务培训。', check: 'figure', cells: ['t06!30216!total'], says: '为 4.00 万元，文中为 5.00 万元' }],
  },

  // ---------------------------------------------------------------- 机关运行经费
  {
    style: '北京',
    section: 's03',
    cells: OPERATING,
    right: '2024年本部门机关运行经费财政拨款预算为46.80万元，比2023年增加1.43万元，增长3.2%，主要原因是办公用房物业费上涨。',
    wrong: [
      { text: '2024年本部门机关运行经费财政拨款预算为46.90万元。', check: 'operatingCost', cells: ['t06!total!public'], says: '46.80 万元（行政、参公单位），文中为 46.90 万元' },
      { text: '2024年本部门机关运行经费财政拨款预算为46.80万元，比2023年减少1.43万元。', check: 'direction', cells: pyCells('operating', 'prior', 'current'), says: '实际增加 1.43 万元，应写“增加”' },
      { text: '2024年本部门机关运行经费财政拨款预算为46.80万元，比2023年增加1.43万元，增长4.2%。', check: 'change', cells: pyCells('operating', 'prior', 'current', 'rate'), says: '变动率为 3.15%，文中为 4.2%' },
    ],
  },
  {
    style: '上海',
    section: 's03',
    cells: OPERATING,
    right: '2024年本部门财政拨款的机关运行经费预算为46.80万元，较上年的45.37万元增加1.43万元。',
    wrong: [{ text: '2024年本部门财政拨款的机关运行经费预算为46.80万元，较上年的44.37万元增加1.43万元。', check: 'figure', cells: ['py!operating!prior'], says: '“机关运行经费”行“上年预算数”栏为 45.37 万元，文中为 44.37 万元' }],
  },
  {
    style: '江苏',
    section: 's03',
    cells: OPERATING,
    right: '2024年机关运行经费当年一般公共预算拨款46.80万元，比上年预算增加1.43万元，增长3.15%。',
    wrong: [{ text: '2024年机关运行经费当年一般公共预算拨款46.80万元，比上年预算增加1.43万元，增长4.15%。', check: 'change', cells: pyCells('operating', 'prior', 'current', 'rate'), says: '变动率为 3.15%，文中为 4.15%' }],
  },

  // ---------------------------------------------------------------- 政府采购
  {
    style: '上海',
    section: 's08',
    rows: PROCUREMENT_ROWS,
    cells: PROCUREMENT,
    right:
      '2024年本部门政府采购预算20.00万元，其中：政府采购货物预算8.00万元、政府采购工程预算0.00万元、政府采购服务预算12.00万元。' +
      '2024年本部门面向中小企业预留政府采购项目预算金额15.00万元，其中，预留给小型和微型企业的政府采购项目预算为15.00万元。',
    wrong: [
      { text: '2024年本部门政府采购预算21.00万元。', check: 'figure', cells: ['t11!total!total'], says: '为 20.00 万元，文中为 21.00 万元' },
      { text: '2024年本部门政府采购预算20.00万元，其中：政府采购货物预算9.00万元、政府采购服务预算12.00万元。', check: 'procurementKind', cells: ['t11!b1!total'], says: '货物类采购（目录序号 A 开头）合计 8.00 万元，文中为 9.00 万元' },
      { text: '2024年本部门面向中小企业预留政府采购项目预算金额16.00万元。', check: 'figure', cells: ['t11!total!smeShare'], says: '为 15.00 万元，文中为 16.00 万元' },
    ],
  },
  {
    style: '北京',
    section: 's08',
    rows: PROCUREMENT_ROWS,
    cells: PROCUREMENT,
    right: '2024年部门政府采购预算总额20.00万元，拟预留给中小企业的政府采购预算15.00万元，占政府采购预算总额的75%，其中预留给小微企业的政府采购预算12.00万元。',
    wrong: [{ text: '2024年部门政府采购预算总额20.00万元，拟预留给中小企业的政府采购预算15.00万元，占政府采购预算总额的70%。', check: 'share', cells: ['t11!total!smeShare', 't11!total!total'], says: '占 75.00%，文中为 70%' }],
  },
  {
    style: '浙江',
    section: 's08',
    rows: PROCUREMENT_ROWS,
    cells: PROCUREMENT,
    right: '2024年度政府采购预算总额20.00万元，其中：货物类8.00万元，服务类12.00万元。',
    wrong: [{ text: '2024年度政府采购预算总额20.00万元，其中：货物类8.00万元，服务类13.00万元。', check: 'procurementKind', cells: ['t11!b2!total'], says: '服务类采购（目录序号 C 开头）合计 12.00 万元，文中为 13.00 万元' }],
  },

  // ---------------------------------------------------------------- 国有资产占用
  {
    style: '上海',
    section: 's09',
    cells: ASSETS,
    right:
      '截至2023年12月31日，本部门共有车辆2辆，其中：一般公务用车1辆、执法执勤用车1辆；单价100万元（含）以上设备（不含车辆）0台（套）。2024年部门预算安排购置车辆0辆。',
    wrong: [{ text: '截至2023年12月31日，本部门共有车辆3辆，其中：一般公务用车1辆、执法执勤用车1辆。', check: 'figure', cells: ['t12!vehicles!quantity'], says: '为 2，文中为 3' }],
  },
  {
    style: '北京',
    section: 's09',
    cells: ASSETS,
    right: '截至2023年12月31日，本部门共有车辆2辆，其中，领导干部用车0辆、一般公务用车1辆、执法执勤用车1辆。单位价值50万元以上通用设备1台（套），单位价值100万元以上专用设备0台（套）。',
    wrong: [{ text: '截至2023年12月31日，本部门共有车辆1辆，其中，一般公务用车1辆。', check: 'figure', cells: ['t12!vehicles!quantity'], says: '为 2，文中为 1' }],
  },
  {
    style: '河北',
    section: 's09',
    cells: ASSETS,
    right: '截至2023年12月31日，我部门固定资产金额为618.01万元，其中：车辆2辆，价值13.29万元；单价20万元以上的设备1台（套），价值60.00万元。',
    wrong: [
      { text: '截至2023年12月31日，我部门固定资产金额为618.01万元，其中：车辆2辆，价值13.29万元；单价20万元以上的设备2台（套），价值60.00万元。', check: 'figure', cells: ['t12!equipment!quantity'], says: '为 1，文中为 2' },
      { text: '截至2023年12月31日，我部门固定资产金额为628.01万元。', check: 'figure', cells: ['t12!total!value'], says: '为 618.01 万元，文中为 628.01 万元' },
    ],
  },

  // ---------------------------------------------------------------- 绩效目标 (8 projects, 67.50 万元, all with goals)
  {
    style: '上海',
    section: 's05',
    right: '按照本区预算绩效管理工作的总体要求，本部门1个预算单位开展了2024年项目预算绩效目标编报工作，编报绩效目标的项目8个，涉及项目预算资金67.50万元。',
    wrong: [
      { text: '本部门编报绩效目标的项目9个，涉及项目预算资金67.50万元。', check: 'goals', cells: [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `projects!p${i}!goals`), says: '填有绩效目标的项目共 8 个，文中为 9 个' },
      { text: '本部门编报绩效目标的项目8个，涉及项目预算资金68.50万元。', check: 'goals', cells: [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `projects!p${i}!amount`), says: '项目金额合计 67.50 万元，文中为 68.50 万元' },
    ],
  },
  {
    style: '河北',
    section: 's05',
    // Some of the projects after 其中.
    right: '2024年编报绩效目标的项目共8个，其中3个项目为新增项目，重点项目2个，涉及项目预算资金67.50万元。',
    wrong: [{ text: '2024年编报绩效目标的项目共7个，其中3个项目为新增项目。', check: 'goals', cells: [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `projects!p${i}!goals`), says: '填有绩效目标的项目共 8 个，文中为 7 个' }],
  },
  {
    style: '北京',
    section: 's05',
    right: '纳入绩效目标管理的项目共计8个，金额合计67.50万元，绩效目标覆盖率100%。',
    wrong: [{ text: '纳入绩效目标管理的项目共计8个，金额合计69.50万元。', check: 'goals', cells: [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `projects!p${i}!amount`), says: '项目金额合计 67.50 万元，文中为 69.50 万元' }],
  },
  {
    style: '四川',
    section: 's05',
    right: '2024年本部门共有8个项目编制了绩效目标，占项目总数的100%，涉及金额67.50万元。',
    wrong: [{ text: '2024年本部门共有9个项目编制了绩效目标，涉及金额67.50万元。', check: 'goals', cells: [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `projects!p${i}!goals`), says: '文中为 9 个' }],
  },

  // ---------------------------------------------------------------- 当年财政拨款
  {
    style: '北京',
    section: 's02',
    right: '2024年一般公共预算当年拨款525.80万元，比2023年减少89.27万元，下降14.51%。',
    wrong: [{ text: '2024年一般公共预算当年拨款535.80万元。', check: 'figure', cells: ['t01!c201!inAmount'], says: '为 525.80 万元，文中为 535.80 万元' }],
  },
  {
    style: '浙江',
    section: 's02',
    right: '2024年一般公共预算当年财政拨款收入525.80万元，政府性基金预算当年财政拨款收入0.00万元。',
    wrong: [{ text: '2024年一般公共预算当年财政拨款收入525.80万元，政府性基金预算当年财政拨款收入5.00万元。', check: 'figure', cells: ['t01!c202!inAmount'], says: '为 0.00 万元，文中为 5.00 万元' }],
  },
  {
    style: '河北',
    section: 's02',
    right: '2024年财政拨款收入525.80万元，其中一般公共预算财政拨款收入525.80万元，政府性基金预算财政拨款收入0.00万元，国有资本经营预算财政拨款收入0.00万元。',
    wrong: [{ text: '2024年财政拨款收入525.80万元，其中一般公共预算财政拨款收入535.80万元。', check: 'figure', cells: ['t01!c201!inAmount'], says: '为 525.80 万元，文中为 535.80 万元' }],
  },
  {
    style: '广东',
    section: 's02',
    right: '2024年一般公共预算财政拨款支出525.80万元，其中基本支出458.30万元，项目支出67.50万元。',
    wrong: [{ text: '2024年一般公共预算财政拨款支出525.80万元，其中基本支出458.30万元，项目支出68.50万元。', check: 'figure', cells: ['t03!total!project'], says: '为 67.50 万元，文中为 68.50 万元' }],
  },
];
