/** A cell's address as a spreadsheet prints it: 表3!E9 (0-based row and column in, A1 out). */
export function cellAddress(sheet: string, row: number, col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${sheet}!${letters}${row + 1}`;
}
