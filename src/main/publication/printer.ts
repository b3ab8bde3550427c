import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Printing HTML to PDF. The document is laid out and printed by Chromium: in plain Node
 * (CLI, tests, the e2e host, bench) by a Chromium that playwright-core drives, launched
 * once and kept warm; in the desktop app by Electron's own webContents.printToPDF behind
 * the same interface (src/main/electron/pdf-printer.ts). Page size and orientation come
 * from the document's CSS (@page, named landscape pages); fonts are embedded as rendered.
 */

export interface PdfPrinter {
  print(html: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** The printer cannot run: no browser to print with. Said in Chinese, with what to install. */
export class PrinterUnavailable extends Error {}

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge'];

export function chromiumPath(): string {
  const configured = process.env.BUDGET_DESK_CHROMIUM ?? process.env.CHROMIUM_PATH;
  if (configured) return configured;
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new PrinterUnavailable('找不到 Chromium 浏览器，无法生成 PDF：请安装 Chromium（Debian/Ubuntu：apt-get install chromium），或用环境变量 BUDGET_DESK_CHROMIUM 指明浏览器程序的位置');
  return found;
}

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--font-render-hinting=none'];

export class ChromiumPrinter implements PdfPrinter {
  private browser: Promise<Browser> | null = null;
  /** The page documents are printed in, kept open between prints (opening one costs about as much as printing the seed). */
  private page: Page | null = null;
  /** Prints run one after another on the one page. */
  private queue: Promise<unknown> = Promise.resolve();

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const path = chromiumPath();
      this.browser = chromium.launch({ executablePath: path, args: ARGS }).catch((e: unknown) => {
        this.browser = null;
        throw new PrinterUnavailable(`无法启动浏览器 ${path} 生成 PDF：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      });
    }
    return this.browser;
  }

  print(html: string): Promise<Uint8Array> {
    const printed = this.queue.then(() => this.printNow(html));
    this.queue = printed.catch(() => undefined);
    return printed;
  }

  private async printNow(html: string): Promise<Uint8Array> {
    const browser = await this.launch();
    const page = this.page && !this.page.isClosed() ? this.page : (this.page = await browser.newPage());
    try {
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        // Page numbers and the 未审签 mark are the document's own page margin boxes.
        displayHeaderFooter: false,
        // Untagged (a tagged PDF takes about twice as long and five times the bytes): where the
        // parts landed is read from the 目录's link destinations (see ./contents-pages).
        tagged: false,
        outline: false,
      });
    } catch (e) {
      // A page that failed once is not trusted with the next document.
      this.page = null;
      await page.close().catch(() => undefined);
      throw e;
    } finally {
      // The document is dropped, not kept alive until the next print.
      if (this.page === page) await page.setContent('').catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    this.page = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }
}

let shared: ChromiumPrinter | null = null;

/** One warm Chromium for the process (closed by closeSharedPrinter, e.g. when the CLI ends). */
export function sharedPrinter(): ChromiumPrinter {
  return (shared ??= new ChromiumPrinter());
}

export async function closeSharedPrinter(): Promise<void> {
  const printer = shared;
  shared = null;
  await printer?.close();
}
