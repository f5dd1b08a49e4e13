import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, createUser, ensureInstitution, unique, type ApiSession } from './support/api-session.js';
import { browserHooks, openBrowser, type E2eBrowser } from './support/browser.js';
import { ADMIN } from './support/server.js';
import { chooseOption, signIn } from './support/ui.js';

const baseUrl = inject('baseUrl');

interface Choice {
  id: number;
  name: string;
}
interface Specification {
  parameter_values: { parameter_id: number; value: number | string; unit_id: number | null; inheritable: boolean }[];
  effective_parameter_values: { parameter_id: number; value: number | string; unit_id: number | null; inherited: boolean; source_specification_id: number }[];
}

/** Picks an option of a select by its visible text, once the choices have loaded. */
async function pick(select: Locator, text: string): Promise<void> {
  const option = select.locator('option', { hasText: text }).first();
  await option.waitFor({ state: 'attached' });
  await select.selectOption((await option.getAttribute('value')) ?? '');
}

const row = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
const idInUrl = (page: Page) => Number(/\/(\d+)$/.exec(page.url())?.[1]);

describe('structured editors: specification parameter values and experiment devices', () => {
  let browser: E2eBrowser;
  let session: ApiSession;
  const parent = unique('Pouch 5Ah');
  const child = unique('Pouch 5Ah variant');
  const hiddenBatch = unique('Someone else’s batch');
  let parentId: number;
  let choiceId: (list: string, name: string) => Promise<number>;

  beforeAll(async () => {
    const admin = await apiLogin(baseUrl, ADMIN.username, ADMIN.password);
    const institution = await ensureInstitution(admin, unique('Lab'));
    const user = await createUser(baseUrl, admin, unique('dana'), institution);
    const stranger = await createUser(baseUrl, admin, unique('eve'), institution);
    session = user.session;
    const types = await session.request<{ items: Choice[] }>('GET', '/api/v1/device-types/choices');
    const strangerSpec = await stranger.session.request<{ id: number }>('POST', '/api/v1/specifications', { name: unique('Private spec'), device_type_id: types.items[0].id });
    await stranger.session.request('POST', '/api/v1/batches', { name: hiddenBatch, specification_id: strangerSpec.id });
    choiceId = async (list, name) => {
      const { items } = await session.request<{ items: Choice[] }>('GET', `/api/v1/${list}/choices?page_size=500`);
      const hit = items.find((c) => c.name === name);
      if (!hit) throw new Error(`no ${name} among ${list}`);
      return hit.id;
    };
    browser = await openBrowser(baseUrl);
    await signIn(browser.page, user.username, user.password);
  });
  browserHooks(() => browser);

  it('creates a specification with two parameter values, one not inherited', async () => {
    const { page } = browser;
    await page.goto('/specifications/new');
    await page.getByLabel('Name *').fill(parent);
    await chooseOption(page, 'Device type *', 'Single cell');
    await page.getByRole('button', { name: '+ Add parameter value' }).click();
    const first = row(page, 'Parameter value 1');
    // The new row's first control has the focus, so the keyboard user goes on from there.
    await expect.poll(() => first.getByLabel('Parameter', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await first.locator('.field-invalid').filter({ hasText: 'Value' }).getByText('enter a value').waitFor();
    await pick(first.getByLabel('Parameter', { exact: true }), 'Nominal capacity');
    await expect.poll(() => first.getByLabel('Unit', { exact: true }).locator('option:checked').textContent()).toBe('ampere hour');
    await first.getByLabel('Value', { exact: true }).fill('5000');
    await pick(first.getByLabel('Unit', { exact: true }), 'milliampere hour');
    await page.getByRole('button', { name: '+ Add parameter value' }).click();
    const second = row(page, 'Parameter value 2');
    await pick(second.getByLabel('Parameter', { exact: true }), 'Chemistry');
    await second.getByLabel('Value', { exact: true }).fill('NMC811');
    await second.getByLabel('Inherited by children', { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: parent }).waitFor();
    parentId = idInUrl(page);

    const saved = await session.request<Specification>('GET', `/api/v1/specifications/${parentId}`);
    expect(saved.parameter_values).toEqual([
      { parameter_id: await choiceId('parameters', 'Nominal capacity'), value: 5000, unit_id: await choiceId('units', 'milliampere hour'), inheritable: true },
      { parameter_id: await choiceId('parameters', 'Chemistry'), value: 'NMC811', unit_id: null, inheritable: false },
    ].sort((a, b) => a.parameter_id - b.parameter_id));
  });

  it('shows the inheritable value in a child specification, read-only with "override"', async () => {
    const { page } = browser;
    await page.goto('/specifications/new');
    await page.getByLabel('Name *').fill(child);
    await chooseOption(page, 'Device type *', 'Single cell');
    await chooseOption(page, 'Parent', parent);
    const inherited = page.getByRole('table', { name: 'Inherited from the parent' });
    await inherited.getByRole('row', { name: /Nominal capacity/ }).getByText('5000').waitFor();
    expect(await inherited.getByText('Chemistry').count()).toBe(0);
    // Overriding adds an own row with the inherited value as placeholder; removing it inherits again.
    await inherited.getByRole('button', { name: 'Override Nominal capacity' }).click();
    const override = row(page, 'Parameter value 1');
    expect(await override.getByLabel('Value', { exact: true }).getAttribute('placeholder')).toBe('5000');
    await expect.poll(() => override.getByLabel('Value', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await override.getByRole('button', { name: 'Remove parameter value 1' }).click();
    await inherited.getByRole('button', { name: 'Override Nominal capacity' }).waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: child }).waitFor();

    // The child's page lists the value by name and unit, and says where it was set.
    const values = page.getByRole('table', { name: 'Effective parameter values' });
    await values.getByRole('row', { name: /Nominal capacity/ }).filter({ hasText: '5000' }).filter({ hasText: 'milliampere hour' }).filter({ hasText: `${parent} (inherited)` }).waitFor();
    expect(await values.getByRole('row').count()).toBe(2); // header + the one inherited value

    const saved = await session.request<Specification>('GET', `/api/v1/specifications/${idInUrl(page)}`);
    expect(saved.parameter_values).toEqual([]);
    expect(saved.effective_parameter_values).toEqual([
      { parameter_id: await choiceId('parameters', 'Nominal capacity'), value: 5000, unit_id: await choiceId('units', 'milliampere hour'), inheritable: true, source_specification_id: parentId, inherited: true },
    ]);
  });

  it('creates an experiment with two devices by batch, sequence and position', async () => {
    const { page } = browser;
    const batch = unique('Batch P');
    const batchId = (await session.request<{ id: number }>('POST', '/api/v1/batches', { name: batch, specification_id: parentId, serial_template: 'P-%03d' })).id;
    const experiment = unique('Formation');
    await page.goto('/experiments/new');
    await page.getByLabel('Name *').fill(experiment);
    await page.getByRole('button', { name: '+ Add device' }).click();
    const first = row(page, 'Device 1');
    await pick(first.getByLabel('Batch', { exact: true }), batch);
    // Choices never offer another user's private batch.
    expect(await first.getByLabel('Batch', { exact: true }).locator('option', { hasText: hiddenBatch }).count()).toBe(0);
    await first.getByLabel('Position', { exact: true }).fill('A2');
    await page.getByRole('button', { name: '+ Add device' }).click();
    const second = row(page, 'Device 2');
    await pick(second.getByLabel('Batch', { exact: true }), batch);
    await second.getByLabel('Sequence', { exact: true }).fill('1');
    await second.getByLabel('Position', { exact: true }).fill('A1');
    // The API's message about the row without a sequence appears on that row.
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await first.locator('.row-error').getByText(/batch_id and sequence/).waitFor();
    await first.getByLabel('Sequence', { exact: true }).fill('2');
    expect(await first.locator('.row-error').count()).toBe(0);
    await second.getByRole('button', { name: 'Move device 2 up' }).click();
    expect(await row(page, 'Device 1').getByLabel('Position', { exact: true }).inputValue()).toBe('A1');
    // The moved row's button keeps the focus (its "up" is disabled now, so "down").
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move device 1 down');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: experiment }).waitFor();

    const experimentId = idInUrl(page);
    const saved = await session.request<{ devices: { device_id: number; batch_id: number; sequence: number; position: string | null; serial: string }[] }>('GET', `/api/v1/experiments/${experimentId}`);
    expect(saved.devices.map(({ batch_id, sequence, position, serial }) => ({ batch_id, sequence, position, serial }))).toEqual([
      { batch_id: batchId, sequence: 1, position: 'A1', serial: 'P-001' },
      { batch_id: batchId, sequence: 2, position: 'A2', serial: 'P-002' },
    ]);
    // The history lists the devices logged with the creation by their count, not as JSON.
    await page.getByRole('region', { name: 'Edit history' }).getByText('Devices: 2 entries').waitFor();

    // The edit form shows the stored devices as rows again.
    await page.getByRole('link', { name: 'Edit' }).click();
    await expect.poll(() => row(page, 'Device 2').getByLabel('Sequence', { exact: true }).inputValue()).toBe('2');
    expect(await row(page, 'Device 2').getByLabel('Position', { exact: true }).inputValue()).toBe('A2');
    expect(await row(page, 'Device 2').getByLabel('Batch', { exact: true }).locator('option:checked').textContent()).toBe(batch);
    // An existing device can be picked instead (the batch narrows the list); saving keeps the same two.
    await row(page, 'Device 2').getByLabel('Pick by', { exact: true }).selectOption('device');
    await pick(row(page, 'Device 2').getByLabel('Device', { exact: true }), 'P-002');
    await row(page, 'Device 2').getByLabel('Position', { exact: true }).fill('B2');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: experiment }).waitFor();
    const edited = await session.request<{ devices: { device_id: number; position: string | null }[] }>('GET', `/api/v1/experiments/${experimentId}`);
    expect(edited.devices.map((d) => [d.device_id, d.position])).toEqual(saved.devices.map((d) => [d.device_id, d.sequence === 2 ? 'B2' : d.position]));
  });

  it('creates a component from two compounds with relative amounts', async () => {
    const { page } = browser;
    const graphite = await session.request<Choice>('POST', '/api/v1/compounds', { name: unique('Graphite'), formula: 'C' });
    const binder = await session.request<Choice>('POST', '/api/v1/compounds', { name: unique('Binder'), formula: 'C2H2F2' });
    await page.goto('/components/new');
    await page.getByLabel('Name *').fill(unique('Anode'));
    await page.getByLabel('Type *').selectOption('anode');
    for (const [i, compound, amount] of [[1, graphite, '95'], [2, binder, '5']] as const) {
      await page.getByRole('button', { name: '+ Add compound' }).click();
      await pick(row(page, `Compound ${i}`).getByLabel('Compound', { exact: true }), compound.name);
      await row(page, `Compound ${i}`).getByLabel('Relative amount', { exact: true }).fill(amount);
    }
    await row(page, 'Compound 1').getByText('95.0 % of the total').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: /^Anode-/ }).waitFor();

    const saved = await session.request<{ compounds: { compound_id: number; relative_amount: number; percent: number }[] }>('GET', `/api/v1/components/${idInUrl(page)}`);
    expect(saved.compounds.map(({ compound_id, relative_amount, percent }) => ({ compound_id, relative_amount, percent }))).toEqual([
      { compound_id: graphite.id, relative_amount: 95, percent: 95 },
      { compound_id: binder.id, relative_amount: 5, percent: 5 },
    ]);
  });
});
