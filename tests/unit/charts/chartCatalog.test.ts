import { describe, expect, it } from 'vitest';
import { filesContract } from '../../../shared/ipc/contracts/filesContract';
import { instrumentIds } from '../../../shared/measures/instrument';
import { chartCatalog } from '../../../renderer/src/features/charts/chartCatalog';

describe('chart catalog', () => {
  it('names every chart with an id charts:save accepts, a title of its own and a scope', () => {
    const saveInput = filesContract['charts:save'].input;
    for (const [chart, { title, scope }] of Object.entries(chartCatalog)) {
      const parsed = saveInput.shape.chart.safeParse(chart);
      expect(parsed.success, chart).toBe(true);
      expect(['client', 'caseload']).toContain(scope);
      expect(title.trim().length, chart).toBeGreaterThan(0);
    }
    const titles = Object.values(chartCatalog).map((c) => c.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('has a chart for every instrument, one client’s', () => {
    for (const id of instrumentIds) expect(chartCatalog[`measure-${id}`].scope).toBe('client');
  });
});
