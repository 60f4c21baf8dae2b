import { describe, expect, it } from 'vitest';
import { type ContextMenuFacts, contextMenuTemplate } from '../../../main/app/contextMenu';

const allowed = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };

function facts(over: Partial<ContextMenuFacts> = {}): ContextMenuFacts {
  return {
    isEditable: true,
    selectionText: '',
    misspelledWord: '',
    dictionarySuggestions: [],
    editFlags: allowed,
    ...over,
  };
}

function recorder() {
  const done: string[] = [];
  return {
    done,
    actions: {
      replaceMisspelling: (w: string) => done.push(`replace:${w}`),
      addToDictionary: (w: string) => done.push(`add:${w}`),
    },
  };
}

describe('contextMenuTemplate', () => {
  it('offers the OS checker’s suggestions for a misspelled word, then Add to dictionary, then editing', () => {
    const { done, actions } = recorder();
    const menu = contextMenuTemplate(
      facts({ misspelledWord: 'attunment', dictionarySuggestions: ['attunement', 'atonement'] }),
      actions,
    );
    expect(menu.map((i) => i.label ?? i.role ?? i.type)).toEqual([
      'attunement',
      'atonement',
      'Add to dictionary',
      'separator',
      'cut',
      'paste',
      'selectAll',
    ]);
    menu[0]?.click?.({} as never, undefined, {} as never);
    menu[2]?.click?.({} as never, undefined, {} as never);
    expect(done).toEqual(['replace:attunement', 'add:attunment']);
  });

  it('says when the checker has no suggestion, and lists at most five', () => {
    const { actions } = recorder();
    expect(contextMenuTemplate(facts({ misspelledWord: 'zxq' }), actions)[0]).toMatchObject({
      label: 'No spelling suggestions',
      enabled: false,
    });
    const many = contextMenuTemplate(
      facts({ misspelledWord: 'teh', dictionarySuggestions: ['the', 'tech', 'ten', 'tea', 'tee', 'Ted'] }),
      actions,
    );
    expect(many.filter((i) => i.click && i.label !== 'Add to dictionary')).toHaveLength(5);
  });

  it('offers only Copy on selected text that cannot be edited, and nothing where there is nothing to do', () => {
    const { actions } = recorder();
    expect(contextMenuTemplate(facts({ isEditable: false, selectionText: 'Plan' }), actions)).toEqual([
      { role: 'copy' },
    ]);
    expect(contextMenuTemplate(facts({ isEditable: false }), actions)).toEqual([]);
  });
});
