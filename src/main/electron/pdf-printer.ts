import { BrowserWindow } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PdfPrinter } from '../publication/printer';

/**
 * The desktop app prints with its own Chromium: a hidden, script-less window loads the
 * document from a temporary file and webContents.printToPDF prints it, with the same page
 * CSS (page margin boxes with the page numbers and the mark) as the Chromium that plain Node drives.
 */
export class ElectronPrinter implements PdfPrinter {
  async print(html: string): Promise<Uint8Array> {
    const dir = mkdtempSync(join(tmpdir(), 'budget-desk-print-'));
    const win = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } });
    try {
      const file = join(dir, 'document.html');
      writeFileSync(file, html);
      await win.loadFile(file);
      const pdf = await win.webContents.printToPDF({
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: false,
        generateDocumentOutline: false,
        generateTaggedPDF: false,
      });
      return new Uint8Array(pdf);
    } finally {
      win.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {}
}
