import { describe, expect, it } from 'vitest';
import { changeNumbers, forkSummaries, withoutForkEchoes } from '../../../../main/vault/v2/forkSummary';
import type { SyncProblem } from '../../../../main/vault/v2/types';
import { A, B } from './v2Kit';

const fork = (deviceHex: string, seq: number, versions = 2) => ({
  deviceHex,
  seq,
  hashes: Array.from({ length: versions }, (_, i) => String(i).repeat(64)),
});
const name = (hex: string) => (hex === A ? 'Office iMac' : 'Laptop');

describe('a forked log said once (forkSummary)', () => {
  it('names change numbers as runs', () => {
    expect(changeNumbers([104])).toBe('change 104');
    expect(changeNumbers([104, 105, 106])).toBe('changes 104 to 106');
    expect(changeNumbers([9, 3, 4, 5, 7])).toBe('changes 3 to 5, 7 and 9');
    expect(changeNumbers([8, 7, 7])).toBe('changes 7 and 8');
  });

  it('one line per device, with its change numbers, how many versions, and the files they were found in', () => {
    const found: SyncProblem[] = [104, 105, 106].map((seq) => ({
      type: 'fork',
      file: `devices/${A}/log-000002.sync-conflict-20261204-101010-ABCDEFG.bin`,
      deviceHex: A,
      message: `Two different versions of change ${seq} …`,
    }));
    const said = forkSummaries(
      [fork(A, 104), fork(A, 105), fork(A, 106), fork(B, 7, 3)],
      found,
      name,
      new Map([[A, [107, 108]]]),
    );
    expect(said).toHaveLength(2);
    expect(said[0]).toMatchObject({
      type: 'fork',
      deviceHex: A,
      file: `devices/${A}/log-000002.sync-conflict-20261204-101010-ABCDEFG.bin`,
    });
    expect(said[0]?.message).toMatch(
      /^Office iMac has two different versions of its changes 104 to 106 \(found in log-000002\.sync-conflict-20261204-101010-ABCDEFG\.bin\), and its changes 107 and 108 follow a version that is not shown: /,
    );
    expect(said[1]).toMatchObject({ deviceHex: B, file: `devices/${B}` });
    expect(said[1]?.message).toMatch(/^Laptop has three different versions of its change 7: /);
  });

  it('drops the per-change lines of forked logs, and the claims’ shortfalls on them, nothing else', () => {
    const problems: SyncProblem[] = [
      { type: 'fork', file: `devices/${A}/log-000001.bin`, deviceHex: A, message: 'reader' },
      { type: 'rollback', file: `devices/${A}`, deviceHex: A, frames: { from: 5, to: 6 }, message: 'claim' },
      { type: 'waiting', file: `devices/${A}/seen.bin`, deviceHex: A, message: 'seen.bin unreadable' },
      { type: 'fork', file: `devices/${B}`, deviceHex: B, message: 'claim on a log with no fork here' },
    ];
    const forks = [fork(A, 3)];
    expect(withoutForkEchoes(problems, forks).map((p) => p.message)).toEqual([
      'claim',
      'seen.bin unreadable',
      'claim on a log with no fork here',
    ]);
    expect(withoutForkEchoes(problems, forks, true).map((p) => p.message)).toEqual([
      'seen.bin unreadable',
      'claim on a log with no fork here',
    ]);
  });
});
