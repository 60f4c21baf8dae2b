import { describe, expect, it } from 'vitest';
import {
  caseloadMetrics,
  clientMetrics,
  createRuptureTally,
  strategyGroupOutcomes,
  strategyTallyGroup,
  tallyRupture,
} from '../../../shared/analytics';
import { resolutionStrategies, strategiesInGroup, strategyGroupIds } from '../../../shared/domain/ruptures';
import { clientA, clientB, rupture } from './fixtures';

describe('repair strategies by group (immediate and exploratory)', () => {
  it('puts every default strategy in one of the two groups, user-added ones in neither', () => {
    for (const s of resolutionStrategies) expect(strategyGroupIds).toContain(s.group);
    expect(strategiesInGroup('immediate').map((s) => s.id)).toEqual([
      'clarify-misunderstanding',
      'change-tasks-goals',
      'illustrate-rationale',
      'redirect-refocus',
    ]);
    expect(strategiesInGroup('exploratory').map((s) => s.id)).toEqual([
      'invite-discussion',
      'acknowledge-contribution',
      'disclose-experience',
      'link-to-patterns',
      'validate-defensive-posture',
    ]);
    expect(strategyTallyGroup('my-own-grounding')).toBe('own');
  });

  it('counts a rupture once per group it used, however many of the group’s strategies', () => {
    const tally = createRuptureTally();
    tallyRupture(
      tally,
      rupture({ strategies: ['invite-discussion', 'acknowledge-contribution'], outcome: 'resolved' }),
    );
    tallyRupture(
      tally,
      rupture({ strategies: ['clarify-misunderstanding', 'invite-discussion'], outcome: 'partial' }),
    );
    tallyRupture(tally, rupture({ strategies: ['my-own-grounding'], outcome: 'unresolved' }));
    tallyRupture(tally, rupture({ strategies: [], outcome: 'resolved' }));
    expect(strategyGroupOutcomes(tally)).toEqual([
      {
        group: 'immediate',
        ruptures: 1,
        resolved: 0,
        partial: 1,
        unresolved: 0,
        unrated: 0,
        successRate: 0.5,
      },
      {
        group: 'exploratory',
        ruptures: 2,
        resolved: 1,
        partial: 1,
        unresolved: 0,
        unrated: 0,
        successRate: 0.75,
      },
      { group: 'own', ruptures: 1, resolved: 0, partial: 0, unresolved: 1, unrated: 0, successRate: 0 },
    ]);
  });

  it('compares the groups for a client and across the caseload (the worked examples)', () => {
    // Client A: r1 invite resolved, r2 acknowledge+invite partial, r3 redirect unresolved, r4 invite no outcome.
    const a = clientMetrics('client-a', clientA.sessions, clientA.notes).strategyGroupOutcomes;
    expect(a).toEqual([
      { group: 'immediate', ruptures: 1, resolved: 0, partial: 0, unresolved: 1, unrated: 0, successRate: 0 },
      {
        group: 'exploratory',
        ruptures: 3,
        resolved: 1,
        partial: 1,
        unresolved: 0,
        unrated: 1,
        successRate: 0.75,
      },
    ]);
    // Client B adds r5, clarify, resolved: immediate 2 ruptures, (1 + 0) / 2.
    const all = caseloadMetrics(
      [...clientA.sessions, ...clientB.sessions],
      [...clientA.notes, ...clientB.notes],
    );
    expect(all.strategyGroupOutcomes[0]).toMatchObject({ group: 'immediate', ruptures: 2, successRate: 0.5 });
    expect(all.strategyGroupOutcomes[1]).toMatchObject({ group: 'exploratory', ruptures: 3 });
  });
});
