import { ClientEntryService } from './ClientEntryService';
import { ClientService } from './ClientService';
import { type Clock, systemClock } from './Clock';
import { DiagnosisService } from './DiagnosisService';
import { HeldDraftStore } from './HeldDraftStore';
import { IndexService } from './IndexService';
import { MeasureService } from './MeasureService';
import { NoteSearch } from './NoteSearch';
import { NoteService } from './NoteService';
import { ProcessNoteService } from './ProcessNoteService';
import { RecordStore } from './RecordStore';
import { RiskService } from './RiskService';
import { RecordsService } from './records/RecordsService';
import { SafetyPlanService } from './SafetyPlanService';
import { SessionNoteService } from './SessionNoteService';
import { SessionService } from './SessionService';
import { SettingsService } from './SettingsService';
import { TemplateService } from './TemplateService';
import { TreatmentPlanService } from './TreatmentPlanService';
import type { VaultSession } from './VaultSession';

export interface Services {
  clients: ClientService;
  sessions: SessionService;
  notes: NoteService;
  /** A session and its note in one step, with the client's usual template. */
  sessionNotes: SessionNoteService;
  processNotes: ProcessNoteService;
  /** Outcome measures given at sessions (outcome rating, PHQ-9, GAD-7). */
  measures: MeasureService;
  /** Treatment plans, as signed versions and one draft at a time (issue 15). */
  plans: TreatmentPlanService;
  /** Clients' ICD-10-CM diagnoses, and the search of the shipped codes (issue 15). */
  diagnoses: DiagnosisService;
  /** Clients' safety plans (issue 15). */
  safetyPlans: SafetyPlanService;
  /** Each client's latest assessed risk, from the note summaries (issue 15). */
  risk: RiskService;
  /** Client entry mode: the one form the client fills in, and the passphrase that ends it. */
  clientEntry: ClientEntryService;
  templates: TemplateService;
  settings: SettingsService;
  search: NoteSearch;
  index: IndexService;
  records: RecordsService;
  /** Many records in one commit, then the cached records dropped (restoring damaged records from a backup). */
  bulkWrites: Pick<RecordStore, 'writeMany'>;
  /** Records this unlock could not read (damaged or missing files), left out of every list. */
  readProblems: Pick<RecordStore, 'unreadable'>;
}

export interface ServiceOptions {
  /** The time source for every timestamp the services write; tests inject one. */
  clock?: Clock;
  /** How long one slice of folding the notes for search may hold the event loop (ms); tests use 0. */
  searchSliceMs?: number;
  /** How long after unlock this computer's copies of the views are written (ms; RecordStore). */
  keepViewsAfterMs?: number;
}

/**
 * The services over one VaultSession, sharing one record store: one write queue, and decrypted
 * records that live only while the vault is unlocked. Create once per session.
 */
export function createServices(session: VaultSession, options: ServiceOptions = {}): Services {
  const clock = options.clock ?? systemClock;
  const store = new RecordStore(session, { keepViewsAfterMs: options.keepViewsAfterMs });
  const clients = new ClientService(store, clock);
  const sessions = new SessionService(store, clients);
  const templates = new TemplateService(store);
  const settings = new SettingsService(store);
  const search = new NoteSearch(store, templates, options.searchSliceMs);
  const measures = new MeasureService(store, clock, sessions);
  // This computer's held drafts are named by 16 hex digits of its device id (HeldDraftStore).
  const held = new HeldDraftStore(store, clock, async () =>
    (await session.device.identity()).hex.slice(0, 16),
  );
  const notes = new NoteService({ store, clock, sessions, templates, settings, search, held });
  return {
    clients,
    sessions,
    notes,
    sessionNotes: new SessionNoteService({ store, sessions, notes, templates }),
    processNotes: new ProcessNoteService(store, clock, notes, sessions),
    measures,
    plans: new TreatmentPlanService(store, clock, clients, settings, held),
    diagnoses: new DiagnosisService(store, clock, clients),
    clientEntry: new ClientEntryService(session, notes, measures),
    safetyPlans: new SafetyPlanService(store, clock, clients),
    risk: new RiskService(store),
    records: new RecordsService({ session, store, clock, templates, settings }),
    bulkWrites: store,
    readProblems: store,
    templates,
    settings,
    search,
    // Once the renderer's index has answered (the clients, right after unlock), the search thread
    // is handed the notes, so the first search seldom waits for its scan.
    index: new IndexService(store, { onIndexRead: () => warmUpSoon(search) }),
  };
}

/** Starts preparing the search on the next turn, so the index's answer goes out first. */
function warmUpSoon(search: NoteSearch): void {
  setImmediate(() => {
    try {
      search.warmUp().catch(() => undefined); // a lock stops it; the next search retries
    } catch {
      // Locked already: nothing to warm.
    }
  });
}
