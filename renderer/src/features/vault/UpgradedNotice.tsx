/**
 * Shown once, after the unlock that upgraded a format-1 vault to format 2: what happened, where
 * the copy of the old vault is, and where to remove it once the user has checked their notes.
 */
export function UpgradedNotice({ format1Copy, onContinue }: { format1Copy: string; onContinue: () => void }) {
  return (
    <main className="centered">
      <section className="card" aria-labelledby="upgraded-title">
        <h1 id="upgraded-title">Your vault was updated</h1>
        <p>
          Your vault now uses the new format, so it can be used on several computers. All your records were
          carried over and checked.
        </p>
        <p>A copy of the vault as it was before is kept here:</p>
        <p className="notice" data-testid="format1-copy">
          {format1Copy}
        </p>
        <p>
          Older versions of Attune can still open that copy; changes you make from now on are not in it. Once
          you have checked that everything is here, you can remove it in Settings → Where the vault lives.
        </p>
        <button type="button" onClick={onContinue}>
          Continue
        </button>
      </section>
    </main>
  );
}
