import '../backup/backup.css';
import './heldChanges.css';
import { TriangleAlert } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { Client } from '../../../../shared/domain/clientSchema';
import type { Session } from '../../../../shared/domain/sessionSchema';
import { Icon } from '../../components/Icon';
import { useFocusBackAfterBusy } from '../../components/useFocusBackAfterBusy';
import { useIndexLookup } from '../../data/hooks';
import { summaryIndex } from '../../data/summaryIndex';
import { formatDate } from '../../format/dates';
import { rememberTab } from '../client/clientTab';
import { saveStashedDrafts } from '../note';
import type { HeldPlace } from '../note/draftStash';
import { heldBannerText, retryOutcomeText } from '../note/heldChangesWords';
import { useHeldOnlyHere } from '../note/useHeldOnlyHere';
import type { Route } from './Route';

/**
 * Leaving a note with unsaved typing holds it for the moment its last save takes: only what is
 * still held after this long was refused, and is shown (no warning flashing on every page change).
 */
const graceMs = 1000;

/** True once `present` has held for `ms` without a break. */
function usePresentFor(present: boolean, ms: number): boolean {
  const [lasted, setLasted] = useState(false);
  useEffect(() => {
    if (!present) {
      setLasted(false);
      return;
    }
    const timer = setTimeout(() => setLasted(true), ms);
    return () => clearTimeout(timer);
  }, [present, ms]);
  return present && lasted;
}

type Lookup = { clients: ReadonlyMap<string, Client>; sessions: ReadonlyMap<string, Session> } | undefined;

/** Where a held place opens, and its button's words; null while the index cannot say whose it is. */
function linkOf(
  place: HeldPlace,
  lookup: Lookup,
): { route: Route; label: string; treatmentOf?: string } | null {
  if (place.kind === 'plan') {
    if (!place.clientId) return null;
    const code = lookup?.clients.get(place.clientId)?.code;
    return {
      route: { page: 'client', clientId: place.clientId },
      label: `Open ${code ? `${code}’s` : 'the'} treatment plan`,
      // The plan is on the client's Treatment tab: the page opens there.
      treatmentOf: place.clientId,
    };
  }
  const session =
    place.kind === 'note' ? summaryIndex.sessionOfNote(place.noteId) : lookup?.sessions.get(place.sessionId);
  if (!session) return null;
  const code = lookup?.clients.get(session.clientId)?.code;
  const whose = code ? `${code}’s` : 'the';
  const when = formatDate(session.startsAt);
  return place.kind === 'note'
    ? {
        route: { page: 'note', noteId: place.noteId, clientId: session.clientId },
        label: `Open ${whose} note of ${when}`,
      }
    : {
        route: { page: 'process-note', sessionId: place.sessionId, clientId: session.clientId },
        label: `Open ${whose} process note of ${when}`,
      };
}

/**
 * The workspace's warning while notes have changes main refused (a full disk) that only this
 * window holds: on every page, with "Try saving again" and the way to each note. Nothing is lost
 * while the window stays open; closing it is guarded too (useUnsavedCloseGuard).
 */
export function HeldChangesBanner({ go }: { go: (route: Route) => void }) {
  const places = useHeldOnlyHere();
  const shown = usePresentFor(places.length > 0, graceMs);
  const lookup = useIndexLookup();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const retryRef = useFocusBackAfterBusy(busy);
  const dismissRef = useRef<HTMLButtonElement>(null);

  // A new refusal after everything was saved: the old "Saved…" no longer tells the story.
  const wasShown = useRef(shown);
  useEffect(() => {
    if (shown && !wasShown.current && !busy) setOutcome(null);
    wasShown.current = shown;
  }, [shown, busy]);
  // All saved by the keyboard user's press: the banner and its button went, so focus goes to Dismiss.
  useEffect(() => {
    if (!shown && outcome !== null && document.activeElement === document.body) dismissRef.current?.focus();
  }, [shown, outcome]);

  // Kept while busy too: the status stays in place from the press to the outcome, so it is announced.
  if (!shown && outcome === null && !busy) return null;
  const retry = () => {
    setBusy(true);
    setOutcome(null);
    saveStashedDrafts()
      .then(retryOutcomeText, () => 'The changes could not be saved. They stay kept in this window.')
      .then((text) => {
        setOutcome(text);
        setBusy(false);
      });
  };
  return (
    <div className="held-changes">
      {shown && (
        <aside className="backup-banner" aria-label="Changes not saved">
          <Icon icon={TriangleAlert} />
          <div className="banner-text">
            <p className="held-changes-text">
              {heldBannerText(
                places.filter((p) => p.kind !== 'plan').length,
                places.filter((p) => p.kind === 'plan').length,
              )}
            </p>
            <ul className="held-changes-places">
              {places.map((place) => {
                const link = linkOf(place, lookup);
                const key =
                  place.kind === 'note'
                    ? place.noteId
                    : place.kind === 'plan'
                      ? place.planId
                      : place.sessionId;
                return (
                  link && (
                    <li key={key}>
                      <button
                        type="button"
                        className="quiet"
                        onClick={() => {
                          if (link.treatmentOf) rememberTab(link.treatmentOf, 'treatment');
                          go(link.route);
                        }}
                      >
                        {link.label}
                      </button>
                    </li>
                  )
                );
              })}
            </ul>
          </div>
          <button
            type="button"
            className="secondary"
            ref={retryRef}
            onClick={retry}
            disabled={busy}
            aria-busy={busy}
          >
            {busy ? 'Saving…' : 'Try saving again'}
          </button>
        </aside>
      )}
      <div className="held-changes-outcome">
        <p role="status" aria-label="Saving kept changes" className="held-changes-status">
          {outcome}
        </p>
        {outcome !== null && !shown && (
          <button type="button" className="quiet" ref={dismissRef} onClick={() => setOutcome(null)}>
            Dismiss
          </button>
        )}
      </div>
    </div>
  );
}
