import { expect, test } from '@playwright/test';
import { DraftPage, host } from './support/draft-page';

test('a second window of the same draft follows the changes made in the first (draft/changed)', async ({ page, context, request }) => {
  await host.reset(request);
  const seed = await host.seed(request);
  const first = new DraftPage(page);
  const second = new DraftPage(await context.newPage());
  await first.open(seed.id);
  await second.open(seed.id);
  await first.showTable('t03');
  await second.showTable('t03');

  await first.type('2010306', 'basic', '4321');
  await expect(first.cell('2010306', 'basic')).toHaveText('4,321.00');
  // The other window shows the figure and what follows from it, without being touched.
  await expect(second.cell('2010306', 'basic')).toHaveText('4,321.00');
  await expect(second.cell('2010306', 'total')).toHaveText(await first.cell('2010306', 'total').innerText());

  // Undone in the second window: the first follows back.
  await second.page.getByRole('button', { name: '撤销' }).click();
  await expect(first.cell('2010306', 'basic')).not.toHaveText('4,321.00');
  await expect(first.cell('2010306', 'basic')).toHaveText(await second.cell('2010306', 'basic').innerText());
});
