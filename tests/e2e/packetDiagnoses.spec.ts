import { generateDemo } from '../../main/services/demo/generateDemo';
import { writeDemo } from '../../main/services/demo/writeDemo';
import type { Diagnosis } from '../../shared/domain/diagnosisSchema';
import { expect, test } from './harness';
import { createTestVault } from './seed';
import { expectAccessible, openClientFromSidebar, unlock } from './steps';

const CODE = 'F41.1';

test('the packet builder leaves diagnoses out unless "Include diagnoses" is ticked; axe', async ({
  page,
  openApp,
  dataDir,
}) => {
  test.setTimeout(240_000);
  const demo = generateDemo({ clients: 1, sessionsPerClient: 2, seed: 31 });
  const client = demo.clients[0]!;
  const vault = await createTestVault(dataDir);
  await writeDemo(vault, demo);
  const diagnosis: Diagnosis = {
    id: 'dx-e2e',
    clientId: client.id,
    code: CODE,
    description: 'Generalized anxiety disorder',
    rank: 'primary',
    status: 'active',
    diagnosedOn: '2025-01-10',
    endedOn: null,
    comment: '',
    createdAt: '2025-01-10T10:00:00.000Z',
    updatedAt: '2025-01-10T10:00:00.000Z',
  };
  await vault.put('diagnosis', diagnosis.id, diagnosis);
  await vault.lock();

  await openApp();
  await unlock(page);
  await openClientFromSidebar(page, client.code);
  await page.getByRole('button', { name: 'Build review packet' }).click();

  const box = page.getByRole('checkbox', { name: 'Include diagnoses' });
  await expect(box).toBeVisible({ timeout: 30_000 });
  await expect(box).not.toBeChecked();
  await expect(box).toHaveAccessibleDescription(/Diagnosis codes stay out unless you tick this box/);
  await expectAccessible(page, 'packet builder with the diagnoses choice');

  const preview = page.getByRole('region', { name: 'Preview: what will leave this computer' });
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(preview.getByText('De-identified', { exact: true })).toBeVisible({ timeout: 60_000 });
  expect((await preview.textContent()) ?? '').not.toContain(CODE);
  await expect(preview.getByRole('heading', { name: 'Diagnoses' })).toHaveCount(0);

  await box.check();
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(preview.getByRole('heading', { name: 'Diagnoses' })).toBeVisible({ timeout: 60_000 });
  await expect(preview.getByRole('cell', { name: CODE, exact: true })).toBeVisible();
  await expect(preview).toContainText(
    'Contains: summary metrics, charts, notes, ruptures and repairs, diagnoses.',
  );
  await expectAccessible(page, 'packet preview with diagnoses');
});
