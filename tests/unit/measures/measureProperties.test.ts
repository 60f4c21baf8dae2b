import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bandFor,
  classifyChange,
  type Instrument,
  instruments,
  type MeasureAnswers,
  scoreMeasure,
} from '../../../shared/measures';

/** Complete answers to an instrument: a valid value for every item. */
const answersArb = (instrument: Instrument): fc.Arbitrary<MeasureAnswers> =>
  fc.record(
    Object.fromEntries(
      instrument.items.map((item) => [
        item.id,
        item.scale.kind === 'choices'
          ? fc.constantFrom(...item.scale.choices.map((c) => c.value))
          : fc.integer({ min: 0, max: item.scale.max * 10 }).map((tenths) => tenths / 10),
      ]),
    ),
  );

const instrumentArb = fc.constantFrom(...instruments);

describe('measure properties', () => {
  it('every complete form scores a total within 0…totalMax, in a band that holds it', () => {
    fc.assert(
      fc.property(
        instrumentArb.chain((instrument) => fc.tuple(fc.constant(instrument), answersArb(instrument))),
        ([instrument, answers]) => {
          const score = scoreMeasure(instrument.id, answers);
          expect(score.total).not.toBeNull();
          expect(score.total!).toBeGreaterThanOrEqual(0);
          expect(score.total!).toBeLessThanOrEqual(instrument.totalMax);
          expect(score.band!.min).toBeLessThanOrEqual(score.total!);
        },
      ),
    );
  });

  it('bands are monotone: a higher total never falls in an earlier band', () => {
    fc.assert(
      fc.property(
        instrumentArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (instrument, a, b) => {
          const [low, high] = [Math.min(a, b), Math.max(a, b)].map(
            (x) => Math.round(x * instrument.totalMax * 10) / 10,
          );
          const index = (t: number) => instrument.bands.indexOf(bandFor(instrument, t));
          expect(index(low!)).toBeLessThanOrEqual(index(high!));
        },
      ),
    );
  });

  it('the bands cover 0…totalMax in order without gaps or overlaps', () => {
    for (const instrument of instruments) {
      expect(instrument.bands[0]!.min).toBe(0);
      expect(instrument.bands.at(-1)!.max).toBe(instrument.totalMax);
      for (let i = 1; i < instrument.bands.length; i++) {
        expect(instrument.bands[i]!.min).toBeGreaterThan(instrument.bands[i - 1]!.max);
        expect(instrument.bands[i]!.min - instrument.bands[i - 1]!.max).toBeLessThanOrEqual(1);
      }
    }
  });

  it('reliable change is symmetric: a reliable improvement read backwards is a reliable deterioration', () => {
    fc.assert(
      fc.property(
        instrumentArb.chain((instrument) =>
          fc.tuple(fc.constant(instrument), answersArb(instrument), answersArb(instrument)),
        ),
        ([instrument, a, b]) => {
          const before = scoreMeasure(instrument.id, a).total!;
          const after = scoreMeasure(instrument.id, b).total!;
          const forward = classifyChange(instrument, before, after);
          const backward = classifyChange(instrument, after, before);
          const mirror = {
            'reliable-improvement': 'reliable-deterioration',
            'reliable-deterioration': 'reliable-improvement',
            'no-reliable-change': 'no-reliable-change',
          } as const;
          expect(backward).toBe(mirror[forward]);
        },
      ),
    );
  });

  it('a form with any scored item blank has no total', () => {
    fc.assert(
      fc.property(
        instrumentArb.chain((instrument) =>
          fc.tuple(
            fc.constant(instrument),
            answersArb(instrument),
            fc.constantFrom(...instrument.items.filter((i) => i.scored).map((i) => i.id)),
          ),
        ),
        ([instrument, answers, blank]) => {
          expect(scoreMeasure(instrument.id, { ...answers, [blank]: null }).total).toBeNull();
        },
      ),
    );
  });
});
