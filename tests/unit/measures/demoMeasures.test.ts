import { describe, expect, it } from 'vitest';
import { demoMeasures } from '../../../main/services/demo/demoMeasures';
import { generateDemo } from '../../../main/services/demo/generateDemo';
import { measureSchema, measureSeries } from '../../../shared/measures';

describe('demo measures', () => {
  it('are valid records, one outcome rating per attended session and a PHQ-9 every fourth, improving', () => {
    const data = generateDemo({ clients: 3, sessionsPerClient: 20, seed: 3 });
    const measures = demoMeasures(data.sessions);
    for (const m of measures) expect(measureSchema.safeParse(m).success).toBe(true);
    const attended = data.sessions.filter((s) => s.attendance === 'attended');
    expect(measures.filter((m) => m.instrument === 'outcome')).toHaveLength(attended.length);
    const first = data.clients[0]!;
    const series = measureSeries(
      measures.filter((m) => m.clientId === first.id),
      'outcome',
    );
    expect(series.at(-1)!.score.total!).toBeGreaterThan(series[0]!.score.total!);
    expect(demoMeasures(data.sessions)).toEqual(measures);
  });
});
