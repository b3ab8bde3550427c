import ExcelJS from 'exceljs';

/** What echoingWorkbook changed: the 项 whose figure is wrong and by how much (万元, two decimals). */
export const ECHO = { code: '2010306', less: '41.80', stated: '409.30', wrong: '367.50' } as const;

/**
 * The exported seed (河北 2024) made into a clerk's workbook with one wrong 项 figure that its sums
 * follow, as the workbook's formulas would: 支出总表's 2010306 lowered by 41.80 in 合计 and 基本支出, and
 * with it its 款 20103, its 类 201 and the 合计 row; 收支总表's 一般公共服务支出 and 本年支出合计 (the
 * difference becomes 年终结转结余, so it still balances) and the 情况说明's 基本支出. Only 收入总表 keeps
 * the old figure: rule 9 (表2 = 表3 code by code) fails on the 项, the 款, the 类 and the 合计, one
 * problem with three followers, the same whether the workbook is checked, previewed or imported.
 */
export async function echoingWorkbook(seedFile: string, out: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(seedFile);
  const less = Number(ECHO.less);
  const lower = (cell: ExcelJS.Cell) => (cell.value = Math.round((Number(cell.value) - less) * 100) / 100);
  const text = (cell: ExcelJS.Cell) => String(cell.value ?? '').replace(/\s/g, '');

  const spending = sheet(wb, '部门预算支出总表');
  const header = findRow(spending, (r) => r.values.some((v) => v === '科目编码'));
  const colOf = (label: string) => header.values.findIndex((v) => v === label);
  const [codeCol, totalCol, basicCol] = [colOf('科目编码'), colOf('合计'), colOf('基本支出')];
  const rows = [ECHO.code, ECHO.code.slice(0, 5), ECHO.code.slice(0, 3)].map((code) => findRow(spending, (r) => text(r.getCell(codeCol)) === code));
  rows.push(findRow(spending, (r) => r.number > header.number && [1, 2, 3].some((c) => text(r.getCell(c)) === '合计')));
  for (const row of rows) for (const col of [totalCol, basicCol]) lower(row.getCell(col));

  // 收支总表: the figure stands right of its label.
  const overview = sheet(wb, '部门预算收支总表');
  const beside = (label: string) => {
    const row = findRow(overview, (r) => r.values.includes(label));
    return row.getCell(row.values.lastIndexOf(label) + 1);
  };
  lower(beside('一、一般公共服务支出'));
  lower(beside('本年支出合计'));
  beside('年终结转结余').value = less;

  const said = sheet(wb, '情况说明');
  const basic = findRow(said, (r) => r.values.some((v) => typeof v === 'string' && v.includes('基本支出458.30万元')));
  basic.eachCell((c) => {
    if (typeof c.value === 'string') c.value = c.value.replace('基本支出458.30万元', '基本支出416.50万元');
  });
  await wb.xlsx.writeFile(out);
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`the seed's workbook has no sheet ${name}`);
  return ws;
}

type Values = ExcelJS.CellValue[];

function findRow(ws: ExcelJS.Worksheet, match: (row: ExcelJS.Row & { values: Values }) => boolean): ExcelJS.Row & { values: Values } {
  let found: (ExcelJS.Row & { values: Values }) | undefined;
  ws.eachRow((r) => {
    const row = r as ExcelJS.Row & { values: Values };
    if (!found && match(row)) found = row;
  });
  if (!found) throw new Error(`no such row in ${ws.name}`);
  return found;
}
