import { describe, expect, it } from 'vitest';
import { unsavedForms } from '../../../renderer/src/data/unsavedForms';

describe('unsaved forms (what was typed and not saved yet)', () => {
  it('keeps a form until it is forgotten, and forgets every form when another vault is shown', () => {
    unsavedForms.forVault('/vaults/practice');
    unsavedForms.keep('client:new', { code: 'C-010' });
    unsavedForms.keep('addendum:n1', { text: 'Correction' });
    // The same vault again (unlocked after a lock): still there.
    unsavedForms.forVault('/vaults/practice');
    expect(unsavedForms.get('client:new')).toEqual({ code: 'C-010' });
    unsavedForms.forget('client:new');
    expect(unsavedForms.has('client:new')).toBe(false);
    expect(unsavedForms.has('addendum:n1')).toBe(true);
    // Another vault: a form typed for the first must not open in it.
    unsavedForms.forVault('/vaults/supervision');
    expect(unsavedForms.has('addendum:n1')).toBe(false);
  });
});
