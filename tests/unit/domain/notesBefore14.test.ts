import { resolve } from 'node:path';
import { describe, it } from 'vitest';
import { makeNotesBefore14 } from '../../fixtures/notes-before-14/makeNotesBefore14';

const FIXTURE = resolve(__dirname, '../../fixtures/notes-before-14');

describe('notes written before issue 14 (frozen fixture)', () => {
  it.runIf(process.env.ATTUNE_MAKE_FIXTURE === '1')(
    'regenerates the fixture on request',
    async () => {
      await makeNotesBefore14(FIXTURE);
    },
    60_000,
  );
});
