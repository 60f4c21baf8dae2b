/** The enabled button in `root` whose visible name (its aria-label, else its text) is `name`. */
export function findButton(root: ParentNode, name: string): HTMLButtonElement | null {
  for (const button of root.querySelectorAll('button')) {
    const label = button.getAttribute('aria-label') ?? button.textContent ?? '';
    if (!button.disabled && label.trim() === name) return button;
  }
  return null;
}

/**
 * Presses the button named `name` as soon as it is in `root` and enabled (a page may still be
 * loading what enables it), giving up after `waitMs`. Returns a cancel, for when the page goes.
 */
export function pressWhenReady(root: () => ParentNode | null, name: string, waitMs = 3000): () => void {
  const until = Date.now() + waitMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = () => {
    const element = root();
    const button = element && findButton(element, name);
    if (button) button.click();
    else if (Date.now() < until) timer = setTimeout(attempt, 50);
  };
  attempt();
  return () => clearTimeout(timer);
}
