import type { MenuItemConstructorOptions } from 'electron';

/** What a right-click in the window tells us (the slice of Electron's ContextMenuParams used). */
export interface ContextMenuFacts {
  isEditable: boolean;
  selectionText: string;
  misspelledWord: string;
  dictionarySuggestions: string[];
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

export interface ContextMenuActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
}

/** How many spelling suggestions the menu lists. */
const MAX_SUGGESTIONS = 5;

/**
 * The right-click menu: spelling suggestions for a misspelled word (from the OS's checker), "Add
 * to dictionary", then the edit commands that apply. Empty where there is nothing to offer, and
 * no menu is shown then.
 */
export function contextMenuTemplate(
  facts: ContextMenuFacts,
  actions: ContextMenuActions,
): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  if (facts.isEditable && facts.misspelledWord) {
    const suggestions = facts.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    for (const suggestion of suggestions) {
      items.push({ label: suggestion, click: () => actions.replaceMisspelling(suggestion) });
    }
    if (suggestions.length === 0) items.push({ label: 'No spelling suggestions', enabled: false });
    items.push({
      label: 'Add to dictionary',
      click: () => actions.addToDictionary(facts.misspelledWord),
    });
    items.push({ type: 'separator' });
  }
  const edit: MenuItemConstructorOptions[] = [];
  if (facts.isEditable && facts.editFlags.canCut) edit.push({ role: 'cut' });
  if (facts.editFlags.canCopy && facts.selectionText) edit.push({ role: 'copy' });
  if (facts.isEditable && facts.editFlags.canPaste) edit.push({ role: 'paste' });
  if (facts.isEditable && facts.editFlags.canSelectAll) edit.push({ role: 'selectAll' });
  if (edit.length === 0 && items.at(-1)?.type === 'separator') items.pop();
  return [...items, ...edit];
}
