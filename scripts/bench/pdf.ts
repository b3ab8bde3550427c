import { loadavg } from 'node:os';
import { getSeed } from '../../seeds';
import { syntheticDepartment } from '../../seeds/synthetic';
import { loadShippedDictionaries } from '../../src/main/dictionary';
import { closeSharedPrinter, sharedPrinter } from '../../src/main/publication/printer';
import { blockingCount, publicationDocument, publishPdf, type PublishSource } from '../../src/main/publication/publish';
import { DraftModel } from '../../src/shared/engine/model';
import { getTemplate, templateOf } from '../../src/shared/regions';
import type { BenchLine } from '../bench';
import { time, timeAsync } from './util';

/**
 * The published PDF of the seed and of the synthetic department (500 projects), with one
 * Chromium kept warm as the app and the e2e host keep it; where the time goes: the HTML,
 * Chromium's layout and print, and the rest (findings, text, reading the outline).
 */
export async function run(): Promise<BenchLine[]> {
  const dictionaries = loadShippedDictionaries();
  const seed = getSeed('juluxian-2024');
  const seedSource: PublishSource = { model: new DraftModel(templateOf(seed.meta), seed.content), meta: seed.meta, signature: null, dictionaries };
  const template = getTemplate('hebei-2024');
  const bigSource: PublishSource = {
    model: new DraftModel(template, syntheticDepartment(dictionaries, 500)),
    meta: { unitCode: '999', unitName: '合成部门', year: template.year },
    signature: null,
    dictionaries,
  };
  const printer = sharedPrinter();
  const lines: BenchLine[] = [];
  try {
    const warm = await timeAsync(() => publishPdf(seedSource, printer, { draft: true }));
    lines.push({ name: 'pdf: seed, first (Chromium starting)', value: warm.ms, unit: 'ms' });
    const seedRuns: number[] = [];
    for (let i = 0; i < 3; i++) seedRuns.push((await timeAsync(() => publishPdf(seedSource, printer, { draft: true }))).ms);
    lines.push({ name: `pdf: seed (${warm.value.pages} pages), warm, best of 3`, value: Math.min(...seedRuns), unit: 'ms', target: { op: '<=', value: 2000 } });
    const html = time(() => publicationDocument(seedSource));
    lines.push({ name: 'pdf: seed, HTML of the document', value: html.ms, unit: 'ms' });
    const printOnly = await timeAsync(() => printer.print(html.value.html));
    lines.push({ name: 'pdf: seed, Chromium layout and print', value: printOnly.ms, unit: 'ms' });

    // Best of 2, as the seed's best of 3: a busy machine makes single runs swing by a third.
    const big = await timeAsync(() => publishPdf(bigSource, printer, { draft: true }));
    const bigAgain = await timeAsync(() => publishPdf(bigSource, printer, { draft: true }));
    lines.push({ name: `pdf: 500 projects (${big.value.pages} pages), best of 2`, value: Math.min(big.ms, bigAgain.ms), unit: 'ms', target: { op: '<=', value: 15000 } });
    lines.push({ name: 'pdf: 500 projects, findings (强制 check before printing)', value: time(() => blockingCount(bigSource)).ms, unit: 'ms' });
    const bigHtml = time(() => publicationDocument(bigSource));
    lines.push({ name: 'pdf: 500 projects, HTML of the document', value: bigHtml.ms, unit: 'ms' });
    const bigPrint = await timeAsync(() => printer.print(bigHtml.value.html));
    lines.push({ name: 'pdf: 500 projects, Chromium layout and print', value: bigPrint.ms, unit: 'ms' });
    lines.push({ name: 'pdf: 500 projects, size', value: bigPrint.value.length / 1024 / 1024, unit: 'MB' });
    // The figures are wall-clock times: on a busy machine they grow with its load.
    lines.push({ name: 'pdf: machine load while measured (1-min average)', value: loadavg()[0], unit: 'count' });
  } finally {
    await closeSharedPrinter();
  }
  return lines;
}
