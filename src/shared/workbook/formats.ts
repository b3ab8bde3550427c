/**
 * The spreadsheet files the import reads, for the file dialog and the messages. The reader
 * tells a file's kind by its content (src/main/excel/guard.ts), so a renamed file is read
 * as what it is; the names here only let it through the dialog.
 */
export const WORKBOOK_EXTENSIONS = ['xlsx', 'xlsm', 'xltx', 'xltm', 'xlsb', 'xls', 'xlt', 'et', 'ett', 'ods', 'csv', 'tsv', 'txt'];

/** The formats as a clerk names them. */
export const WORKBOOK_FORMATS_TEXT = '.xlsx、.xlsm、.xlsb、.xls、WPS 的 .et/.ett、.ods 和 .csv';

/** The formats in a few words, for a field's hint or a choice. */
export const WORKBOOK_FORMATS_SHORT = '.xlsx、.xls、WPS .et、.ods、.csv 等';

/** The open dialog's filters: the workbooks read, then any file (whatever its name, its content decides). */
export const WORKBOOK_OPEN_FILTERS = [
  { name: '电子表格（Excel、WPS、OpenDocument、CSV）', extensions: WORKBOOK_EXTENSIONS },
  { name: '所有文件', extensions: ['*'] },
];
