import { beforeAll, describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { loadShippedDictionaries } from '../../main/dictionary';
import type { Dictionaries } from '../dictionary';
import { DraftModel } from '../engine/model';
import type { Finding } from '../findings';
import { money } from '../money';
import { getTemplate } from '../regions';
import { changedKeysOf, createFindingEngine as createFullEngine, StatedValues } from '.';
import { hebei2024Relations, hebei2024Rules } from '../regions/hebei-2024/rules';

/**
 * Every rule broken in one place of a copy of the seed: through the draft (DraftModel edits)
 * where the rule can break there, or through a view of stated values (an imported
 * workbook's printed figures) where the draft derives the cell. Each case states the exact
 * set of findings, the cells and figures of the first, and that undoing the break clears it
 * (both by a full run and incrementally).
 */

const template = getTemplate('hebei-2024');
let dictionaries: Dictionaries;
beforeAll(() => {
  dictionaries = loadShippedDictionaries();
});

/** The table rules only: the text rules (./rules/narrative) have tests of their own. */
const createFindingEngine = (t: typeof template, d: Dictionaries) => createFullEngine(t, d, { rules: hebei2024Rules(t) });
const seedModel = () => new DraftModel(template, getSeed('juluxian-2024').content);
const ids = (fs: Finding[]) => fs.map((f) => f.id).sort();

interface Case {
  rule: string;
  /** 'draft': entered cells edited; 'stated': figures of a stated copy changed (value in 万元, or text). */
  via: 'draft' | 'stated';
  edits: Record<string, string>;
  /** Exactly the findings expected (ids); the first is checked in detail. */
  findings: string[];
  cells?: string[];
  message: string[];
  severity?: 'error' | 'warning';
}

const CASES: Case[] = [
  {
    rule: 'd-t01-grandTotal-outAmount', via: 'stated', edits: { 't01!grandTotal!outAmount': '530.8' },
    findings: ['d-t01-grandTotal-outAmount@t01!grandTotal!outAmount', 'd-py-spendingTotal-current@py!spendingTotal!current', 'r01-t01-balance@t01!grandTotal!inAmount'],
    cells: ['t01!grandTotal!outAmount', 't01!yearTotal!outAmount', 't01!carry!outAmount'],
    message: ['表1“部门预算收支总表”“支出总计”行“预算数”栏为 530.80 万元', '应等于“本年支出合计”行、“年终结转结余”行之和 525.80 万元', '多 5.00 万元'],
  },
  {
    rule: 'r01-t01-balance', via: 'stated', edits: { 't01!grandTotal!inAmount': '525.81' },
    findings: ['r01-t01-balance@t01!grandTotal!inAmount', 'd-py-incomeTotal-current@py!incomeTotal!current', 'd-t01-carry-outAmount@t01!carry!outAmount', 'd-t01-grandTotal-inAmount@t01!grandTotal!inAmount'],
    message: ['“收入总计”行“预算数”栏为 525.81 万元，应等于支出总计 525.80 万元，多 0.01 万元（可能是四舍五入尾差'],
  },
  {
    rule: 'd-t02-subtotal', via: 'stated', edits: { 't02!2080505!fiscal': '46.001' },
    findings: ['d-t02-subtotal@t02!2080505!subtotal', 'd-t02-rollup@t02!20805!fiscal'],
    message: ['“2080505 机关事业单位基本养老保险缴费支出”行“小计”栏为 46.000 万元', '之和 46.001 万元，少 0.001 万元（可能是四舍五入尾差'],
  },
  {
    rule: 'd-t02-subtotal', via: 'stated', edits: { 't02!2010306!fiscal': '410.3' },
    findings: ['d-t02-subtotal@t02!2010306!subtotal', 'd-t02-rollup@t02!20103!fiscal'],
    cells: ['t02!2010306!subtotal', 't02!2010306!fiscal'],
    message: ['表2“部门预算收入总表”“2010306 政务公开审批”行“小计”栏为 409.30 万元', '本行“财政拨款收入”、“财政专户收入”', '之和 410.30 万元，少 1.00 万元'],
  },
  {
    rule: 'd-t02-total', via: 'stated', edits: { 't02!2080501!total': '2' },
    findings: ['d-t02-total@t02!2080501!total', 'd-t02-rollup@t02!20805!total', 'r09-t02-t03@t02!2080501!total'],
    message: ['“2080501 行政单位离退休”行“合计”栏为 2.00 万元，应等于本行“小计”、“上年结转”之和 2.10 万元，少 0.10 万元'],
  },
  {
    rule: 'd-t03-total', via: 'stated', edits: { 't03!2210201!basic': '39' },
    findings: ['d-t03-total@t03!2210201!total', 'd-t03-rollup@t03!22102!basic'],
    message: ['表3“部门预算支出总表”“2210201 住房公积金”行“合计”栏为 38.00 万元', '之和 39.00 万元'],
  },
  {
    rule: 'd-t05-total', via: 'stated', edits: { 't05!2101103!project': '1' },
    findings: ['d-t05-total@t05!2101103!total', 'd-t05-rollup@t05!21011!project'],
    message: ['表5“部门预算一般公共预算财政拨款支出表”“2101103 公务员医疗补助”行“合计”栏为 6.00 万元', '之和 7.00 万元'],
  },
  {
    rule: 'd-t07-total', via: 'stated', edits: { 't07!total!basic': '3' },
    findings: ['d-t07-total@t07!total!total', 'd-t07-rollup@t07!total!basic'],
    message: ['表7“部门预算政府性基金预算财政拨款支出表”“合计”行“合计”栏为 0.00 万元', '之和 3.00 万元'],
  },
  {
    rule: 'd-t08-total', via: 'stated', edits: { 't08!total!project': '3' },
    findings: ['d-t08-total@t08!total!total', 'd-t08-project-from-projects@t08!total!project', 'd-t08-rollup@t08!total!project'],
    message: ['表8“部门预算国有资本经营预算财政拨款支出表”“合计”行“合计”栏为 0.00 万元'],
  },
  {
    rule: 'd-t06-total', via: 'stated', edits: { 't06!30207!total': '10' },
    findings: ['d-t06-total@t06!30207!total', 'd-t06-rollup@t06!302!total'],
    message: ['表6“部门预算一般公共预算财政拨款基本支出表”“30207 邮电费”行“合计”栏为 10.00 万元', '之和 10.58 万元，少 0.58 万元'],
  },
  {
    rule: 'd-t04-outTotal', via: 'stated', edits: { 't04!c208!outTotal': '60' },
    findings: ['d-t04-outTotal@t04!c208!outTotal'],
    message: ['表4“部门预算财政拨款收支总表”“八、社会保障和就业支出”行“合计”栏为 60.00 万元', '应等于本行“一般公共预算财政拨款”、“政府性基金预算财政拨款”、“国有资本经营预算财政拨款”之和 51.50 万元'],
  },
  {
    rule: 'd-t09-total', via: 'stated', edits: { 't09!reception!total': '0.5' },
    findings: ['d-t09-total@t09!reception!total', 'd-py-reception-current@py!reception!current', 'd-t09-threeTotal-total@t09!threeTotal!total'],
    message: ['表9“部门预算财政拨款“三公”经费支出表”“三、公务接待费”行“合计”栏为 0.50 万元', '之和 0.00 万元'],
  },
  {
    rule: 'd-t11-total', via: 'stated', edits: { 't11!rows': 'x1', 't11!x1!project': '办公设备购置', 't11!x1!item': '台式计算机', 't11!x1!general': '5', 't11!total!general': '5' },
    findings: ['d-t11-total@t11!x1!total'],
    message: ['表11“部门政府采购预算”“办公设备购置”行“预算资金合计”栏为 0.00 万元', '之和 5.00 万元'],
  },
  {
    rule: 'r02-t11-sme', via: 'stated',
    edits: {
      't11!rows': 'x1', 't11!x1!project': '办公设备购置', 't11!x1!item': '台式计算机', 't11!x1!general': '5', 't11!x1!total': '5', 't11!x1!smeShare': '6',
      't11!total!general': '5', 't11!total!total': '5', 't11!total!smeShare': '6',
    },
    findings: ['r02-t11-sme@t11!total!smeShare', 'd-py-procurement-current@py!procurement!current', 'r02-t11-sme@t11!x1!smeShare'],
    message: ['表11“部门政府采购预算”', '为 6.00 万元，大于本行“预算资金合计”的 5.00 万元'],
  },
  {
    rule: 'd-projects-amount', via: 'stated', edits: { 'projects!p2!otherFunds': '1', 'projects!total!otherFunds': '1' },
    findings: ['d-projects-amount@projects!p2!amount'],
    message: ['表10“项目绩效目标表”项目“光纤租赁和短信机费用”“合计”栏为 4.00 万元', '“其中：财政资金”、“其他资金”之和 5.00 万元'],
  },
  {
    rule: 'd-t02-rollup', via: 'stated', edits: { 't02!221!fiscal': '40', 't02!221!subtotal': '40', 't02!221!total': '40' },
    findings: ['d-t02-rollup@t02!221!fiscal', 'd-t02-rollup@t02!221!subtotal', 'd-t02-rollup@t02!221!total', 'd-t02-rollup@t02!total!fiscal', 'd-t02-rollup@t02!total!subtotal', 'd-t02-rollup@t02!total!total', 'r09-t02-t03@t02!221!total'],
    cells: ['t02!221!fiscal', 't02!22102!fiscal'],
    message: ['“221 住房保障支出”行“财政拨款收入”栏为 40.00 万元，应等于其下级科目（22102）之和 38.00 万元，多 2.00 万元'],
  },
  {
    rule: 'd-t03-rollup', via: 'stated', edits: { 't03!total!basic': '458' },
    findings: ['d-t03-rollup@t03!total!basic', 'd-py-basic-current@py!basic!current', 'd-t03-total@t03!total!total'],
    message: ['表3“部门预算支出总表”“合计”行“基本支出”栏为 458.00 万元，应等于各类级科目之和 458.30 万元'],
  },
  {
    rule: 'd-t05-rollup', via: 'stated', edits: { 't05!20805!basic': '40', 't05!20805!total': '40' },
    findings: ['d-t05-rollup@t05!20805!basic', 'd-t05-rollup@t05!208!basic', 'd-t05-rollup@t05!208!total', 'd-t05-rollup@t05!20805!total'],
    message: ['“20805 行政事业单位养老支出”行“基本支出”栏为 40.00 万元，应等于其下级科目（2080501、2080505）之和 48.10 万元'],
  },
  {
    rule: 'd-t06-rollup', via: 'stated', edits: { 't06!303!personnel': '3', 't06!303!total': '3' },
    findings: ['d-t06-rollup@t06!303!personnel', 'd-t06-rollup@t06!303!total', 'd-t06-rollup@t06!total!personnel', 'd-t06-rollup@t06!total!total', 'r12-t06-classes@t06!total!personnel'],
    message: ['“303 对个人和家庭的补助”行“人员经费”栏为 3.00 万元，应等于其下级科目（30302）之和 2.10 万元'],
  },
  {
    rule: 'd-t07-rollup', via: 'stated', edits: { 't07!rows': '212,21201,2120101', 't07!21201!basic': '1', 't07!21201!total': '1' },
    findings: ['d-t07-rollup@t07!21201!basic', 'd-t07-rollup@t07!212!basic', 'd-t07-rollup@t07!212!total', 'd-t07-rollup@t07!21201!total'],
    message: ['“21201 城乡社区管理事务”行“基本支出”栏为 1.00 万元，应等于其下级科目（2120101）之和 0.00 万元'],
  },
  {
    rule: 'd-t08-rollup', via: 'stated', edits: { 't08!rows': '212,21201', 't08!21201!basic': '1', 't08!21201!total': '1', 't08!212!basic': '1', 't08!212!total': '1', 't08!total!basic': '1', 't08!total!total': '1' },
    findings: ['d-t08-rollup@t08!21201!basic', 'd-t01-c203-inAmount@t01!c203!inAmount', 'd-t04-c203-inAmount@t04!c203!inAmount', 'd-t04-outCapital-by-class@t04!c212!outCapital', 'd-t04-yearTotal-outCapital@t04!yearTotal!outCapital', 'd-t08-rollup@t08!21201!total'],
    message: ['“21201 城乡社区管理事务”行“基本支出”栏为 1.00 万元，应等于其下级科目之和（该行没有下级科目，金额应录在最末级科目上） 0.00 万元'],
  },
  {
    rule: 'r04-t06-personnel', via: 'draft', edits: { 't06!30201!personnel': '5' },
    findings: ['r04-t06-personnel@t06!30201!personnel', 'r11-t05-t06@t05!total!basic', 'r12-t06-classes@t06!total!personnel', 'r12-t06-classes@t06!total!public'],
    cells: ['t06!30201!personnel'],
    message: ['表6“部门预算一般公共预算财政拨款基本支出表”“30201 办公费”行“人员经费”栏为 5.00 万元：人员经费只能列在 301、303 类科目'],
  },
  {
    rule: 'r04-t06-public', via: 'draft', edits: { 't06!30101!personnel': '290', 't06!30101!public': '5' },
    findings: ['r04-t06-public@t06!30101!public', 'r12-t06-classes@t06!total!personnel', 'r12-t06-classes@t06!total!public'],
    message: ['“30101 基本工资”行“公用经费”栏为 5.00 万元：公用经费只能列在 302、310 类科目'],
  },
  {
    rule: 'd-t09-vehicle-general', via: 'stated', edits: { 't09!vehicle!general': '1.5', 't09!vehicle!total': '1.5' },
    findings: ['d-t09-vehicle-general@t09!vehicle!general', 'd-py-vehicle-current@py!vehicle!current', 'd-t09-threeTotal-general@t09!threeTotal!general', 'd-t09-threeTotal-total@t09!threeTotal!total', 'd-t09-vehicle-total@t09!vehicle!total'],
    cells: ['t09!vehicle!general', 't09!vehiclePurchase!general', 't09!vehicleRunning!general'],
    message: ['“二、公务用车购置及运维费”行“一般公共预算财政拨款”栏为 1.50 万元，应等于“其中：公务用车购置费”行、“公务用车运行维护费”行之和 1.00 万元，多 0.50 万元'],
  },
  {
    rule: 'r06-code-unknown', via: 'draft', edits: { 't02!rows+': '2010398' },
    findings: ['r06-code-unknown@t02!2010398!code'],
    message: ['表2“部门预算收入总表”的科目编码“2010398”不在 2024 年支出功能分类科目中'],
  },
  {
    rule: 'r06-code-name', via: 'draft', edits: { 't03!2101101!name': '行政单位医疗费' }, severity: 'warning',
    findings: ['r06-code-name@t03!2101101!name'],
    message: ['表3“部门预算支出总表”科目 2101101 的名称“行政单位医疗费”与 2024 年科目表中的“行政单位医疗”不一致'],
  },
  {
    rule: 'r06-code-parent', via: 'stated', edits: { 't06!rows-': '303' },
    findings: ['r06-code-parent@t06!30302!code', 'd-t06-rollup@t06!total!personnel', 'd-t06-rollup@t06!total!total', 'r12-t06-classes@t06!total!personnel'],
    message: ['表6“部门预算一般公共预算财政拨款基本支出表”有款级科目 30302，却没有它的上级类级科目 303'],
  },
  {
    rule: 'r06-project-code', via: 'stated', edits: { 'projects!p3!functionCode': '20103' },
    findings: ['r06-project-code@projects!p3!functionCode'],
    message: ['表10“项目绩效目标表”项目“委托机构评估评审工作经费”的“功能分类科目编码”“20103”应为 7 位的项级科目编码'],
  },
  {
    rule: 'r07-plan-order', via: 'draft', edits: { 'projects!p4!plan06': '20' },
    findings: ['r07-plan-order@projects!p4!plan03'],
    cells: ['projects!p4!plan03', 'projects!p4!plan06'],
    message: ['项目“信用体系建设经费”的资金支出计划“6月底”累计 20%，低于“3月底”的 25%'],
  },
  {
    rule: 'r07-plan-max', via: 'draft', edits: { 'projects!p5!plan12': '120' },
    findings: ['r07-plan-max@projects!p5!plan12', 'r07-plan-full@projects!p5!plan12'],
    message: ['项目“远程异地评标协调系统对接准备工作经费”的资金支出计划“12月底”为 120%，超过 100%'],
  },
  {
    rule: 'r07-plan-full', via: 'draft', edits: { 'projects!p6!plan12': '' },
    findings: ['r07-plan-full@projects!p6!plan12'],
    message: ['项目“政务服务办公费（2+2+3 服务体系）”的资金支出计划“12月底”应达到 100%，现为 空'],
  },
  {
    rule: 'r07-indicator-levels', via: 'draft', edits: { 'indicators!p7i7!level1': '效益指标' },
    findings: ['r07-indicator-levels@projects!p7!满意度指标'],
    cells: ['projects!p7!name'],
    message: ['项目“政务外网费用”没有“满意度指标”'],
  },
  {
    rule: 'r07-indicator-value', via: 'draft', edits: { 'indicators!p1i2!value': '≤5' },
    findings: ['r07-indicator-value@indicators!p1i2!value'],
    message: ['项目“工作经费”的绩效指标“断电率”的指标值“≤5”：缺少计量单位'],
  },
  {
    rule: 'd-t01-c205-inAmount', via: 'stated', edits: { 't01!c205!inAmount': '3', 't01!yearTotal!inAmount': '528.8', 't01!grandTotal!inAmount': '528.8' },
    findings: ['d-t01-c205-inAmount@t01!c205!inAmount', 'd-py-incomeTotal-current@py!incomeTotal!current', 'd-t01-carry-outAmount@t01!carry!outAmount', 'r01-t01-balance@t01!grandTotal!inAmount'],
    message: ['“五、单位资金”行“预算数”栏为 3.00 万元，应等于表2“部门预算收入总表”“合计”行“事业收入”、“经营收入”、“上级补助收入”、“附属单位上缴收入”、“其他收入”栏之和 0.00 万元'],
  },
  {
    rule: 'r08-t01-income', via: 'stated', edits: { 't01!c202!inAmount': '1', 't04!c202!inAmount': '1' },
    findings: ['r08-t01-income@t01!c201!inAmount', 'd-t01-c202-inAmount@t01!c202!inAmount', 'd-t01-yearTotal-inAmount@t01!yearTotal!inAmount', 'd-t04-balFund-outFund@t04!balFund!outFund', 'd-t04-c202-inAmount@t04!c202!inAmount', 'd-t04-yearTotal-inAmount@t04!yearTotal!inAmount'],
    message: ['表1“部门预算收支总表”“一、一般公共预算拨款收入”行“预算数”栏与“二、政府性基金预算拨款收入”行、“三、国有资本经营预算拨款收入”行之和为 526.80 万元，应等于表2“部门预算收入总表”“合计”行“财政拨款收入”栏 525.80 万元，多 1.00 万元'],
  },
  {
    rule: 'd-t01-outAmount-by-class', via: 'stated', edits: { 't01!c201!outAmount': '409.31', 't01!yearTotal!outAmount': '525.81', 't01!grandTotal!outAmount': '525.81' },
    findings: ['d-t01-outAmount-by-class@t01!c201!outAmount', 'd-py-spendingTotal-current@py!spendingTotal!current', 'd-t01-carry-outAmount@t01!carry!outAmount', 'd-t01-yearTotal-outAmount@t01!yearTotal!outAmount', 'r01-t01-balance@t01!grandTotal!inAmount'],
    message: ['“一、一般公共服务支出”行“预算数”栏为 409.31 万元，应等于表3“部门预算支出总表”“201 一般公共服务支出”行“合计”栏 409.30 万元，多 0.01 万元（可能是四舍五入尾差'],
  },
  {
    rule: 'd-t01-yearTotal-outAmount', via: 'stated', edits: { 't03!total!total': '520', 't03!total!basic': '452.5' },
    findings: ['d-t01-yearTotal-outAmount@t01!yearTotal!outAmount', 'd-py-basic-current@py!basic!current', 'd-t03-rollup@t03!total!basic', 'd-t03-rollup@t03!total!total', 'r09-t02-t03@t02!total!total'],
    message: ['“本年支出合计”行“预算数”栏为 525.80 万元，应等于表3“部门预算支出总表”“合计”行“合计”栏 520.00 万元'],
  },
  {
    rule: 'r09-t02-t03', via: 'draft', edits: { 't03!2082701!basic': '1.5' },
    findings: ['r09-t02-t03@t02!2082701!total', 'r09-t02-t03@t02!208!total', 'r09-t02-t03@t02!20827!total', 'r09-t02-t03@t02!total!total'],
    message: ['表2“部门预算收入总表”“2082701 财政对失业保险基金的补助”行“合计”栏为 1.40 万元，应等于表3“部门预算支出总表”“2082701 财政对失业保险基金的补助”行“合计”栏 1.50 万元，少 0.10 万元'],
  },
  {
    rule: 'd-t04-outGeneral-by-class', via: 'stated', edits: { 't04!c210!outGeneral': '26', 't04!c210!outTotal': '26' },
    findings: ['d-t04-outGeneral-by-class@t04!c210!outGeneral'],
    message: ['表4“部门预算财政拨款收支总表”“十、卫生健康支出”行“一般公共预算财政拨款”栏为 26.00 万元，应等于表5“部门预算一般公共预算财政拨款支出表”“210 卫生健康支出”行“合计”栏 27.00 万元'],
  },
  {
    rule: 'd-t04-outFund-by-class', via: 'stated', edits: { 't04!c212!outFund': '2', 't04!c212!outTotal': '2' },
    findings: ['d-t04-outFund-by-class@t04!c212!outFund'],
    message: ['“十二、城乡社区支出”行“政府性基金预算财政拨款”栏为 2.00 万元，应等于表7“部门预算政府性基金预算财政拨款支出表”“212 城乡社区支出”行“合计”栏 0.00 万元'],
  },
  {
    rule: 'd-t04-outCapital-by-class', via: 'stated', edits: { 't08!rows': '213,21301,2130101', 't08!2130101!basic': '3', 't08!2130101!total': '3', 't08!21301!basic': '3', 't08!21301!total': '3', 't08!213!basic': '3', 't08!213!total': '3', 't08!total!basic': '3', 't08!total!total': '3' },
    findings: ['d-t04-outCapital-by-class@t04!c213!outCapital', 'd-t01-c203-inAmount@t01!c203!inAmount', 'd-t04-c203-inAmount@t04!c203!inAmount', 'd-t04-yearTotal-outCapital@t04!yearTotal!outCapital'],
    message: ['“十三、农林水支出”行“国有资本经营预算财政拨款”栏为 0.00 万元，应等于表8“部门预算国有资本经营预算财政拨款支出表”“213 农林水支出”行“合计”栏 3.00 万元'],
  },
  {
    rule: 'd-t04-yearTotal-outGeneral', via: 'stated', edits: { 't05!total!total': '530', 't05!total!basic': '462.5' },
    findings: ['d-t04-yearTotal-outGeneral@t04!yearTotal!outGeneral', 'd-t01-c201-inAmount@t01!c201!inAmount', 'd-t04-c201-inAmount@t04!c201!inAmount', 'd-t05-rollup@t05!total!basic', 'd-t05-rollup@t05!total!total', 'r11-t05-t06@t05!total!basic'],
    message: ['表4“部门预算财政拨款收支总表”“本年支出合计”行“一般公共预算财政拨款”栏为 525.80 万元，应等于表5“部门预算一般公共预算财政拨款支出表”“合计”行“合计”栏 530.00 万元'],
  },
  {
    rule: 'd-t01-c201-inAmount', via: 'stated', edits: { 't01!c201!inAmount': '520' },
    findings: ['d-t01-c201-inAmount@t01!c201!inAmount', 'd-t01-yearTotal-inAmount@t01!yearTotal!inAmount', 'r08-t01-income@t01!c201!inAmount'],
    message: ['表1“部门预算收支总表”“一、一般公共预算拨款收入”行“预算数”栏为 520.00 万元，应等于表5“部门预算一般公共预算财政拨款支出表”“合计”行“合计”栏 525.80 万元'],
  },
  {
    rule: 'd-t04-balanceHead-inAmount', via: 'stated', edits: { 't04!balGeneral!inAmount': '2' },
    findings: ['d-t04-balanceHead-inAmount@t04!balanceHead!inAmount', 'd-t04-balGeneral-outGeneral@t04!balGeneral!outGeneral'],
    message: ['“年初财政拨款结转和结余”行“金额”栏为 0.00 万元，应等于“一、一般公共预算拨款”行、“二、政府性基金预算拨款”行、“三、国有资本经营预算拨款”行之和 2.00 万元'],
  },
  {
    rule: 'r10-t04-balance', via: 'stated', edits: { 't04!grandTotal!outTotal': '525.9', 't04!grandTotal!outGeneral': '525.9', 't04!yearTotal!outTotal': '525.9', 't04!yearTotal!outGeneral': '525.9' },
    findings: ['r10-t04-balance@t04!grandTotal!inAmount', 'd-t04-balGeneral-outGeneral@t04!balGeneral!outGeneral', 'd-t04-yearTotal-outGeneral@t04!yearTotal!outGeneral'],
    message: ['“收入总计”行“金额”栏为 525.80 万元，应等于支出总计 525.90 万元，少 0.10 万元'],
  },
  {
    rule: 'r11-t05-t06', via: 'draft', edits: { 't06!30101!personnel': '296' },
    findings: ['r11-t05-t06@t05!total!basic'],
    cells: ['t05!total!basic', 't06!total!total'],
    message: ['表5“部门预算一般公共预算财政拨款支出表”“合计”行“基本支出”栏为 458.30 万元，应等于表6“部门预算一般公共预算财政拨款基本支出表”“合计”行“合计”栏 459.30 万元，少 1.00 万元'],
  },
  {
    rule: 'd-t05-project-from-projects', via: 'stated', edits: { 'projects!p8!fiscal': '13', 'projects!p8!amount': '13', 'projects!total!fiscal': '68.5', 'projects!total!amount': '68.5' },
    findings: ['d-t05-project-from-projects@t05!total!project', 'd-t03-project-from-projects@t03!total!project'],
    message: ['“合计”行“项目支出”栏为 67.50 万元，应等于表10“项目绩效目标表”中资金性质为“一般公共预算”（支出类别不为“基本支出”）的各行“其中：财政资金”之和 68.50 万元'],
  },
  {
    rule: 'd-t07-project-from-projects', via: 'stated', edits: { 'projects!p8!fund': '政府性基金预算' },
    findings: ['d-t07-project-from-projects@t07!total!project', 'd-t05-project-from-projects@t05!total!project'],
    message: ['表7“部门预算政府性基金预算财政拨款支出表”“合计”行“项目支出”栏为 0.00 万元，应等于表10“项目绩效目标表”中资金性质为“政府性基金预算”（支出类别不为“基本支出”）的各行“其中：财政资金”之和 12.00 万元'],
  },
  {
    rule: 'd-t08-project-from-projects', via: 'stated', edits: { 'projects!p8!fund': '国有资本经营预算' },
    findings: ['d-t08-project-from-projects@t08!total!project', 'd-t05-project-from-projects@t05!total!project'],
    message: ['资金性质为“国有资本经营预算”（支出类别不为“基本支出”）的各行“其中：财政资金”之和 12.00 万元'],
  },
  {
    rule: 'r12-t06-classes', via: 'stated', edits: { 't06!total!public': '47.8', 't06!total!total': '459.3' },
    findings: ['r12-t06-classes@t06!total!public', 'd-py-operating-current@py!operating!current', 'd-py-public-current@py!public!current', 'd-t06-rollup@t06!total!public', 'd-t06-rollup@t06!total!total', 'r11-t05-t06@t05!total!basic'],
    message: ['“合计”行“公用经费”栏为 47.80 万元，应等于“302 商品和服务支出”行、“310 资本性支出”行的“合计”栏之和 46.80 万元，多 1.00 万元'],
  },
  {
    rule: 'r13-function-economic', via: 'draft', edits: { 't06!30101!personnel': '294', 't06!30108!personnel': '47' }, severity: 'warning',
    findings: ['r13-function-economic@t06!30108!total'],
    cells: ['t06!30108!total', 't05!2080505!basic'],
    message: ['表6“部门预算一般公共预算财政拨款基本支出表”“30108 机关事业单位基本养老保险缴费”行“合计”栏为 47.00 万元，应等于表5“部门预算一般公共预算财政拨款支出表”“2080505 机关事业单位基本养老保险缴费支出”行“基本支出”栏 46.00 万元，多 1.00 万元'],
  },
  {
    // 三公 may include project spending: more in 表9 than in 表6 is allowed, less is not.
    rule: 'r14-t09-t06', via: 'draft', edits: { 't09!vehicleRunning!general': '0.5' }, severity: 'warning',
    findings: ['r14-t09-t06@t06!30231!total'],
    message: ['“30231 公务用车运行维护费”行“合计”栏为 1.00 万元，大于“公务用车运行维护费”行的 0.50 万元：基本支出中的该经济科目不能超过“三公”经费'],
  },
  {
    rule: 'd-py-operating-current', via: 'stated', edits: { 'py!operating!current': '45.37' },
    findings: ['d-py-operating-current@py!operating!current', 'd-py-operating-change@py!operating!change'],
    message: ['“上年对比”“机关运行经费”行“本年预算数”栏为 45.37 万元，应等于表6“部门预算一般公共预算财政拨款基本支出表”“合计”行“公用经费”栏 46.80 万元，少 1.43 万元'],
  },
  {
    rule: 'r17-vehicles', via: 'draft', edits: { 't12!vehicles!quantity': '0' }, severity: 'warning',
    findings: ['r17-vehicles@t09!vehicleRunning!total'],
    cells: ['t09!vehicleRunning!total', 't12!vehicles!quantity'],
    message: ['表12“部门固定资产占用情况表”“2、车辆（台、辆）”行“数量”栏为 0，但表9“部门预算财政拨款“三公”经费支出表”“公务用车运行维护费”行“合计”栏为 1.00 万元'],
  },
  {
    rule: 'd-projects-list-total', via: 'stated', edits: { 'projects!total!fiscal': '67' },
    findings: ['d-projects-list-total@projects!total!fiscal'],
    message: ['表10“项目绩效目标表”“合计”行“其中：财政资金”栏为 67.00 万元，应等于各项目之和 67.50 万元'],
  },
  {
    rule: 'd-t12-total-value', via: 'stated', edits: { 't12!total!value': '557' },
    findings: ['d-t12-total-value@t12!total!value'],
    message: ['“资产总额”行“价值”栏为 557.00 万元', '558.01 万元'],
  },
  {
    rule: 'r00-t12-offices', via: 'draft', edits: { 't12!buildings!quantity': '800', 't12!offices!quantity': '900' },
    findings: ['r00-t12-offices@t12!offices!quantity'],
    message: ['“其中：办公用房（平方米）”行“数量”栏为 900，大于“1、房屋（平方米）”行的 800'],
  },
];

/** Apply a case's edits to a draft (cells; "t!rows+" adds a row) or a stated copy (figures, texts, "t!rows"). */
function breakDraft(model: DraftModel, edits: Record<string, string>) {
  const cellEdits: Array<{ key: string; value: string | null }> = [];
  let structural = false;
  for (const [key, value] of Object.entries(edits)) {
    if (key.endsWith('!rows+')) {
      const table = key.split('!')[0];
      model.setRows(table, [...(model.content.rows[table] ?? []), value]);
      structural = true;
    } else cellEdits.push({ key, value: value === '' ? null : value });
  }
  const applied = model.apply(cellEdits);
  return { keys: changedKeysOf(cellEdits, applied), structural: structural || applied.structural };
}

function breakStated(view: StatedValues, edits: Record<string, string>) {
  const keys: string[] = [];
  let structural = false;
  for (const [rawKey, value] of Object.entries(edits)) {
    const key = rawKey.replace(/#$/, '');
    const [table, row, col] = key.split('!');
    if (row === 'rows') {
      view.setRows(table, ['total', ...value.split(',')]);
      structural = true;
    } else if (row === 'rows-') {
      view.removeRow(table, value);
      structural = true;
    } else {
      const kind = template.tables.find((t) => t.id === table)!.columns.find((c) => c.id === col)!.kind;
      if (kind === 'money' || kind === 'quantity' || kind === 'percent') view.setValue(key, money(value));
      else view.setText(key, value);
      keys.push(key);
    }
  }
  // Rows set anew in a stated view bring figures of their own: which ones is not known.
  return { keys: structural ? ('all' as const) : keys, structural };
}

describe('the seed budget', () => {
  it('has no finding (every rule of the registry, text rules included)', () => {
    const engine = createFullEngine(template, dictionaries);
    expect(engine.full(seedModel())).toEqual([]);
  });

  it('as stated figures (all totals printed) has no finding either, and every table rule has a breaking case below', () => {
    const engine = createFindingEngine(template, dictionaries);
    expect(engine.full(StatedValues.copyOf(template, seedModel()))).toEqual([]);
    const covered = new Set(CASES.map((c) => c.rule));
    expect(hebei2024Relations.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
    for (const c of CASES) expect(c.findings[0].startsWith(`${c.rule}@`), c.rule).toBe(true);
  });
});

describe.each(CASES)('rule $rule broken through the $via', (c) => {
  it('gives exactly the expected findings, with cells and figures, and the fix clears them', () => {
    const engine = createFindingEngine(template, dictionaries);
    let view: DraftModel | StatedValues;
    let undo: () => { keys: string[] | 'all'; structural: boolean };
    let change: { keys: string[] | 'all'; structural: boolean };
    if (c.via === 'draft') {
      const model = seedModel();
      engine.full(model);
      const before = structuredClone(model.content);
      change = breakDraft(model, c.edits);
      undo = () => {
        const restore: Record<string, string> = {};
        for (const key of Object.keys(c.edits)) {
          if (key.endsWith('!rows+')) continue;
          restore[key] = before.cells[key] ?? '';
        }
        for (const key of Object.keys(c.edits)) if (key.endsWith('!rows+')) model.setRows(key.split('!')[0], before.rows[key.split('!')[0]]);
        const r = breakDraft(model, restore);
        return { keys: r.keys, structural: r.structural || Object.keys(c.edits).some((k) => k.endsWith('!rows+')) };
      };
      view = model;
    } else {
      const stated = StatedValues.copyOf(template, seedModel());
      engine.full(stated);
      change = breakStated(stated, c.edits);
      undo = () => {
        const fresh = StatedValues.copyOf(template, seedModel());
        Object.assign(stated, fresh);
        return { keys: 'all' as const, structural: true };
      };
      view = stated;
    }
    // Incrementally …
    const delta = engine.update(view, change.keys, change.structural);
    expect(delta.resolved).toEqual([]);
    expect(ids(delta.added)).toEqual([...c.findings].sort());
    // … and by a full run on a fresh engine: the same findings.
    const findings = createFindingEngine(template, dictionaries).full(view);
    expect(ids(findings)).toEqual([...c.findings].sort());
    expect(ids(engine.current())).toEqual(ids(findings));

    const first = findings.find((f) => f.id === c.findings[0])!;
    expect(first.severity).toBe(c.severity ?? 'error');
    for (const part of c.message) expect(first.message).toContain(part);
    if (c.cells) expect(first.cells.map((r) => `${r.table}!${r.row}!${r.col}`)).toEqual(c.cells);
    expect(first.table).toBe(first.cells[0].table);

    const fix = undo();
    const cleared = engine.update(view, fix.keys, fix.structural);
    expect(cleared.resolved.sort()).toEqual([...c.findings].sort());
    expect(engine.current()).toEqual([]);
    expect(createFindingEngine(template, dictionaries).full(view)).toEqual([]);
  });
});
