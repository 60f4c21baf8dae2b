import { expect, test } from './harness';
import { createVault, expectAccessible, goTo } from './steps';

/**
 * Issue 14, items 1 and 2, through the screens: each dimension's own anchors beside its rating,
 * "Did not come up" and "Could not judge" as two answers counted apart, a therapist-side marker,
 * repair strategies grouped immediate / exploratory, and repair charted by group.
 */
test('rate with the two kinds of no rating, mark your own reaction, repair exploratorily, see it by group', async ({
  page,
  openApp,
}) => {
  test.setTimeout(240_000);
  const saveState = page.getByRole('status', { name: 'Note save state' });
  const rupture = page.getByRole('group', { name: 'Rupture 1' });

  await test.step('a vault, a client, a session and a new note', async () => {
    await openApp();
    await createVault(page);
    await goTo(page, 'Clients');
    await page.getByRole('button', { name: 'New client' }).click();
    await page.getByLabel('Client code').fill('F-001');
    await page.getByRole('button', { name: 'Save client' }).click();
    await expect(page.getByRole('heading', { name: /F-001/, level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'New session' }).click();
    await page.getByLabel('Date and time').fill('2026-11-20T10:00');
    await page.getByLabel('Template for new notes').selectOption({ label: 'SOAP' });
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.getByRole('button', { name: /^New note/ }).click();
  });

  await test.step('each dimension shows its own anchors; the two kinds of no rating are separate choices', async () => {
    const affective = page.getByRole('radiogroup', { name: 'Affective attunement', exact: true });
    const cognitive = page.getByRole('radiogroup', { name: 'Cognitive attunement', exact: true });
    const developmental = page.getByRole('radiogroup', { name: 'Developmental attunement', exact: true });
    const empathic = page.getByRole('radiogroup', { name: 'Empathic attunement', exact: true });
    // The anchor is the choice's description: Stern's test for affective, boundaries for empathic.
    await expect(affective.getByRole('radio', { name: /^5 / })).toHaveAccessibleDescription(
      /intensity, form and rhythm/,
    );
    await expect(empathic.getByRole('radio', { name: /^5 / })).toHaveAccessibleDescription(
      /perspective and boundaries/,
    );
    await expect(empathic.getByRole('radio', { name: /^2 / })).toHaveAccessibleDescription(
      /over-identifying/,
    );
    // One hover away, as a tooltip.
    await cognitive.getByRole('radio', { name: /^5 / }).hover();
    await expect(
      cognitive.getByRole('tooltip').filter({ hasText: /mirrored their perspective/ }),
    ).toBeVisible();

    await affective.getByRole('radio', { name: /^4 / }).check();
    await cognitive.getByRole('radio', { name: 'Did not come up' }).check();
    await expect(cognitive.getByRole('radio', { name: 'Did not come up' })).toHaveAccessibleDescription(
      /Nothing of this dimension arose/,
    );
    await developmental.getByRole('radio', { name: 'Could not judge' }).check();
    await expect(developmental.getByRole('radio', { name: 'Could not judge' })).toBeChecked();
    await expect(developmental.getByRole('radio', { name: 'Did not come up' })).not.toBeChecked();
    await empathic.getByRole('radio', { name: /^3 / }).check();
  });

  await test.step('a rupture with the therapist’s own reaction and an exploratory repair', async () => {
    await page.getByRole('button', { name: 'Add rupture' }).click();
    await rupture.getByRole('checkbox', { name: 'Minimal response' }).check();
    await rupture
      .getByRole('group', { name: /^Your own reactions/ })
      .getByRole('checkbox', { name: 'Pulled to rescue or reassure' })
      .check();
    const strategies = rupture.getByRole('group', { name: 'Repair strategies' });
    await expect(strategies.getByRole('group', { name: 'Immediate' })).toContainText(
      'Clarifies a misunderstanding',
    );
    await strategies
      .getByRole('group', { name: 'Exploratory' })
      .getByRole('checkbox', { name: 'Links the rupture to larger interpersonal patterns' })
      .check();
    await rupture
      .getByRole('radiogroup', { name: 'Salience' })
      .getByRole('radio', { name: '3', exact: true })
      .check();
    await rupture.getByRole('radio', { name: 'Resolved', exact: true }).check();
    await expect(saveState).toContainText(/Saved at/);
    await expectAccessible(page, 'note editor with fidelity fields');
  });

  await test.step('the caseload counts the two kinds apart and charts repair by strategy group', async () => {
    await goTo(page, 'Caseload');
    await expect(page.getByRole('heading', { name: 'Caseload reflection', level: 1 })).toBeVisible();
    const profile = page.getByRole('region', { name: 'Your attunement profile' });
    await expect(
      profile.getByText(/Cognitive attunement: mean .* 0 rated notes; did not come up in 1$/),
    ).toBeVisible();
    await expect(
      profile.getByText(/Developmental attunement: mean .* 0 rated notes; could not judge in 1$/),
    ).toBeVisible();
    const groups = page.getByRole('figure', { name: 'Repair by strategy group' });
    await expect(groups).toContainText(/Exploratory 100% \(1 rupture\)/);
    await expect(groups.locator('[data-chart="strategy-groups"] .recharts-bar-rectangle')).toHaveCount(1);
    await groups.getByRole('button', { name: 'View as table' }).click();
    await expect(groups.getByRole('row', { name: /^Exploratory 1 1 0 0 0 100%/ })).toBeVisible();
    const strategies = page.getByRole('figure', { name: 'Repair strategy success rates' });
    await strategies.getByRole('button', { name: 'View as table' }).click();
    await expect(
      strategies.getByRole('row', {
        name: /Links the rupture to larger interpersonal patterns Exploratory 1/,
      }),
    ).toBeVisible();
    await expectAccessible(page, 'caseload with strategy groups');
  });
});
