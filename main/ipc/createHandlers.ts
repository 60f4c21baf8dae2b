import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ThemePreference } from '../../shared/domain/themePreference';
import { type FilePurpose, type FolderPurpose, methods, type SavePurpose } from '../../shared/ipc/contract';
import { toJsonText } from '../../shared/ipc/jsonText';
import { AttuneError } from '../../shared/ipc/result';
import { packNoteSummaries, packSessions } from '../../shared/summaries/packedSummaries';
import { createSafetyServices, type SafetyServices } from '../services/backup/createSafetyServices';
import { changePassphrase } from '../services/changePassphrase';
import { memoryRecordSource } from '../services/check/memoryRecordSource';
import { VaultCheckService } from '../services/check/VaultCheckService';
import { createServices, type Services } from '../services/createServices';
import { AppearanceService } from '../services/device/AppearanceService';
import { chartImageBytes, writeExportFile } from '../services/exports/chartImage';
import { type ExportPurpose, SavedFiles } from '../services/exports/SavedFiles';
import { ChosenPaths } from '../services/records/ChosenPaths';
import { RecoveryKeyClipboard } from '../services/recoveryKey/RecoveryKeyClipboard';
import { RecoveryKeyConfirmation } from '../services/recoveryKey/RecoveryKeyConfirmation';
import { RecoveryKeySaver } from '../services/recoveryKey/RecoveryKeySaver';
import { renewRecoveryKey } from '../services/renewRecoveryKey';
import { ReviewService } from '../services/review/ReviewService';
import { rotateKey } from '../services/rotateKey';
import { createSyncService } from '../services/sync/createSyncService';
import type { SyncService } from '../services/sync/SyncService';
import type { VaultSession } from '../services/VaultSession';
import { VaultPlaceService } from '../services/vaultPlace/VaultPlaceService';
import type { Handlers } from './createRouter';

/**
 * How a page is printed to PDF: the de-identified case summary (its footer says so), or a page
 * of the identified clinical record (a signed note, a client's record export).
 */
export type PdfLayout = 'case-summary' | 'record';

/**
 * What only the app's shell can do: show the open and folder dialogs, print the window, show a
 * file in the file manager. Absent in the CLI.
 */
export interface ShellSeams {
  chooseFile?: ((purpose: FilePurpose) => Promise<string | null>) | undefined;
  /** The folder dialog, opened at `defaultPath` when given. */
  chooseFolder?: ((purpose: FolderPurpose, defaultPath?: string) => Promise<string | null>) | undefined;
  printToPdf?: ((layout: PdfLayout) => Promise<Uint8Array>) | undefined;
  showItemInFolder?: ((path: string) => void) | undefined;
  /** Follows the theme chosen in Settings in the window's native parts (Electron's nativeTheme). */
  applyTheme?: ((theme: ThemePreference) => void) | undefined;
  /** The native save dialog opened at `defaultPath`; the chosen path, or null when cancelled. */
  chooseSavePath?: ((purpose: SavePurpose, defaultPath: string) => Promise<string | null>) | undefined;
  /** The recovery key's clipboard (Electron's clipboard in the app, a stand-in in the e2e harness). */
  keyClipboard?: RecoveryKeyClipboard | undefined;
}

/**
 * Binds each contract method to the service that answers it. The services are created once
 * here, over the session, unless the caller passes its own (tests inject a clock that way, and
 * a review service with cheaper key derivation).
 */
export function createHandlers(
  session: VaultSession,
  version: string,
  services: Services = createServices(session),
  review: ReviewService = new ReviewService(session),
  seams: ShellSeams = {},
  safety: SafetyServices = createSafetyServices(session, () => undefined),
  place: VaultPlaceService = new VaultPlaceService(
    session,
    safety.config,
    join(safety.config.dataDir, 'vault'),
    seams,
  ),
  sync: SyncService = createSyncService(session, services, session.device),
): Handlers {
  const { clients, sessions, notes, processNotes, templates, settings, search, index, records } = services;
  // Exports and imports accept only the folders and files the user chose in these dialogs.
  const chosen = new ChosenPaths();
  const printRecord = () => {
    if (!seams.printToPdf) throw new AttuneError('invalid-input', 'Saving a PDF is not available here.');
    const print = seams.printToPdf;
    return () => print('record');
  };
  const { backups, restore } = safety;
  const chooseSavePath = seams.chooseSavePath;
  const keySaver = new RecoveryKeySaver(
    chooseSavePath && ((defaultPath) => chooseSavePath('recovery-key', defaultPath)),
    homedir(),
  );
  const keyClipboard = seams.keyClipboard ?? new RecoveryKeyClipboard(undefined);
  const saved = new SavedFiles(seams, safety.config, chosen, join(safety.config.dataDir, 'exports'));
  /** An export's result with the id "Show in folder" takes for the file it wrote. */
  const shown = async <T extends object>(result: Promise<T>, path: (r: T) => string) => {
    const value = await result;
    return { ...value, fileId: saved.written(path(value)) };
  };
  const byPath = (r: { path: string }) => r.path;
  const savePath = (purpose: ExportPurpose, path: string | undefined) =>
    path === undefined ? undefined : chosen.require(purpose, path, 'where to save it');
  const appearance = new AppearanceService(safety.config, seams.applyTheme);
  const keyConfirmation = new RecoveryKeyConfirmation(safety.config, () => session.location);
  /** Every answer that carries a new recovery key notes it as shown and not yet confirmed. */
  const keyShown = async <T>(answer: T): Promise<T> => {
    // Never in the way of the key itself: the answer carries it, and only this note could fail.
    await keyConfirmation.shown().catch((error: unknown) => {
      console.warn('Could not note that a recovery key is waiting to be confirmed:', error);
    });
    return answer;
  };
  const check = new VaultCheckService(
    session,
    {
      exist: async () => (await backups.status()).lastVerified !== null,
      folder: async () => (await backups.status()).folder,
    },
    memoryRecordSource(services),
    services.bulkWrites,
  );
  return {
    'app:info': () => ({ name: 'Attune', version, methods: [...methods] }),
    'vault:status': () => session.status(),
    'vault:create': async ({ passphrase }) => keyShown(await session.create(passphrase)),
    'vault:unlock': ({ passphrase }) => session.unlock({ passphrase }),
    'vault:lock': (input) => session.lock(input?.reason ?? 'user'),
    'vaultPlace:get': () => place.get(),
    'vaultPlace:chooseAtFirstRun': () => place.chooseAtFirstRun(),
    'vaultPlace:useDefault': () => place.useDefault(),
    'vaultPlace:openExisting': () => place.openExisting(),
    'vaultPlace:showInFileManager': () => place.showInFileManager(),
    'vaultPlace:chooseMoveTarget': () => place.chooseMoveTarget(),
    'vaultPlace:move': ({ path, passphrase }) => place.move(path, passphrase),
    'vaultPlace:removeOldCopy': ({ path }) => place.removeOldCopy(path),
    'vault:changePassphrase': async ({ current, next }) => {
      await changePassphrase(session, current, next);
      return session.status();
    },
    'vault:recover': async ({ recoveryKey, newPassphrase }) =>
      keyShown(await session.recover(recoveryKey, newPassphrase)),
    'vault:renewRecoveryKey': async ({ passphrase }) => keyShown(await renewRecoveryKey(session, passphrase)),
    'vault:rotateKey': async ({ passphrase }) => keyShown(await rotateKey(session, passphrase)),
    'recoveryKey:copy': ({ recoveryKey }) => keyClipboard.copy(recoveryKey),
    'recoveryKey:save': ({ recoveryKey }) => keySaver.save(recoveryKey),
    'recoveryKey:unconfirmed': () => keyConfirmation.unconfirmed(),
    'recoveryKey:confirmStored': async () => {
      await keyConfirmation.confirmed();
      return null;
    },

    'clients:list': () => clients.list(),
    'clients:create': (input) => clients.create(input),
    'clients:update': ({ id, changes }) => clients.update(id, changes),
    'clients:setStatus': ({ id, status }) => clients.setStatus(id, status),
    'sessions:list': ({ clientId }) => sessions.list(clientId),
    'sessions:create': (input) => sessions.create(input),
    'sessions:update': ({ id, changes }) => sessions.update(id, changes),

    'notes:create': ({ sessionId, templateId }) => notes.create(sessionId, templateId),
    'sessionNotes:start': (input) => services.sessionNotes.start(input),
    'sessionNotes:open': ({ sessionId }) => services.sessionNotes.open(sessionId),
    'notes:get': ({ id }) => notes.get(id),
    'notes:saveDraft': ({ id, draft, expectedUpdatedAt }) => notes.saveDraft(id, draft, expectedUpdatedAt),
    'notes:holdDraft': ({ id, draft, basedOn }) => notes.holdDraft(id, draft, basedOn),
    'notes:heldDraft': ({ id }) => notes.heldDraft(id),
    'notes:discardHeldDraft': async ({ id }) => {
      await notes.discardHeldDraft(id);
      return null;
    },
    'notes:sign': ({ id }) => notes.sign(id),
    'notes:addAddendum': ({ id, ...addendum }) => notes.addAddendum(id, addendum),
    'processNotes:get': ({ noteId }) => processNotes.get(noteId),
    'processNotes:save': ({ noteId, text, expectedUpdatedAt }) =>
      processNotes.save(noteId, text, expectedUpdatedAt),
    'processNotes:getForSession': ({ sessionId }) => processNotes.getForSession(sessionId),
    'processNotes:saveForSession': ({ sessionId, text, expectedUpdatedAt }) =>
      processNotes.saveForSession(sessionId, text, expectedUpdatedAt),
    'measures:list': ({ clientId }) => services.measures.list(clientId),
    'measures:all': () => services.measures.all(),
    'measures:save': (input) => services.measures.save(input),
    'measures:delete': ({ id }) => services.measures.delete(id),
    'safetyPlans:get': ({ clientId }) => services.safetyPlans.get(clientId),
    'safetyPlans:save': (input) => services.safetyPlans.save(input),
    'risk:elevated': () => services.risk.elevated(),
    'plans:list': ({ clientId }) => services.plans.list(clientId),
    'plans:create': ({ clientId }) => services.plans.create(clientId),
    'plans:save': (input) => services.plans.save(input),
    'plans:holdDraft': ({ id, draft, basedOn }) => services.plans.holdDraft(id, draft, basedOn),
    'plans:heldDraft': ({ id }) => services.plans.heldDraft(id),
    'plans:discardHeldDraft': ({ id }) => services.plans.discardHeldDraft(id),
    'plans:sign': ({ id, expectedUpdatedAt }) => services.plans.sign(id, expectedUpdatedAt),
    'plans:revise': ({ clientId }) => services.plans.revise(clientId),
    'plans:discard': ({ id }) => services.plans.discard(id),
    'plans:reviewsDue': ({ today }) => services.plans.reviewsDue(today),
    'diagnoses:list': ({ clientId }) => services.diagnoses.list(clientId),
    'diagnoses:save': (input) => services.diagnoses.save(input),
    'diagnoses:delete': ({ id }) => services.diagnoses.delete(id),
    'icd:search': async ({ query, limit }) => services.diagnoses.search(query, limit),
    'templates:list': () => templates.list(),
    'templates:create': (input) => templates.create(input),
    'templates:duplicate': ({ id }) => templates.duplicate(id),
    'templates:update': ({ id, changes }) => templates.update(id, changes),
    'templates:remove': async ({ id }) => {
      await templates.remove(id);
      return null;
    },
    'templates:usage': () => templates.usage(),
    'search:notes': async ({ query, limit, offset }) => toJsonText(await search.search(query, limit, offset)),
    'index:clients': () => index.clients(),
    'index:today': async ({ now }) => {
      const { sessions, notes, olderUnfinished } = await index.today(new Date(now));
      return toJsonText({
        sessions: packSessions(sessions),
        notes: packNoteSummaries(notes),
        olderUnfinished,
      });
    },
    'index:sessions': async () => toJsonText(packSessions(await index.sessions())),
    'index:noteSummaries': async () => toJsonText(packNoteSummaries(await index.noteSummaries())),
    'settings:get': () => settings.get(),
    'settings:update': (changes) => settings.update(changes),
    'audit:chartExported': async ({ chart, format, scope }) => {
      await session.vault.appendAudit('export', { what: 'chart', chart, format, scope });
      return null;
    },

    'review:preview': (request) => review.preview(request),
    'review:exportPacket': ({ passphrase, saveTo, ...request }) =>
      shown(review.exportPacket(request, passphrase, savePath('review-packet', saveTo)), byPath),
    // Only a file the user chose in the open dialog: a renderer cannot make main read, or reach out
    // to, any other path.
    'review:openPacket': ({ path, passphrase }) =>
      review.openPacket(chosen.require('open-packet', path, 'the packet'), passphrase),
    'review:listPackets': () => review.listPackets(),
    'review:getPacket': ({ packetId }) => review.getPacket(packetId),
    'review:removePacket': async ({ packetId }) => {
      await review.removePacket(packetId);
      return null;
    },
    'review:saveComment': (input) => review.saveComment(input),
    'review:deleteComment': async ({ id }) => {
      await review.deleteComment(id);
      return null;
    },
    'review:checkPacketPassphrase': async ({ packetId, passphrase }) => {
      await review.checkPacketPassphrase(packetId, passphrase);
      return null;
    },
    'review:exportComments': ({ packetId, reviewerName, passphrase, saveTo }) =>
      shown(
        review.exportComments(packetId, reviewerName, passphrase, savePath('review-comments', saveTo)),
        byPath,
      ),
    'comments:import': ({ path, passphrase }) =>
      review.importComments(chosen.require('open-comments', path, 'the comments file'), passphrase),
    'comments:list': (filter) => review.listComments(filter),
    'comments:setAddressed': ({ id, addressed }) => review.setCommentAddressed(id, addressed),

    'files:chooseReviewFile': async ({ purpose }) => {
      if (!seams.chooseFile) throw new AttuneError('invalid-input', 'Choosing files is not available here.');
      const path = await seams.chooseFile(purpose);
      if (path) chosen.remember(purpose, path);
      return path ? { path } : null;
    },
    'backup:status': () => backups.status(),
    'backup:chooseFolder': async () => {
      if (!seams.chooseFolder)
        throw new AttuneError('invalid-input', 'Choosing folders is not available here.');
      const path = await seams.chooseFolder('backup-folder');
      return path ? backups.setFolder(path) : null;
    },
    'backup:setWarnAfterDays': ({ days }) => backups.setWarnAfterDays(days),
    'vault:check': () => check.check(),
    'vault:unreadable': () => ({ records: services.readProblems.unreadable() }),
    'vault:repairFromBackup': ({ passphrase }) => check.repairFromBackup(passphrase),
    'sync:conflicts': () => sync.conflicts(),
    'sync:resolve': ({ kind, id, choice }) => sync.resolve(kind, id, choice),
    'sync:status': () => sync.status(),
    'sync:renameDevice': ({ name }) => sync.renameDevice(name),
    'sync:editingElsewhere': ({ kind, id }) => sync.editingElsewhere(kind, id),
    'sync:setEditing': ({ records }) => sync.setEditing(records),
    'appearance:get': () => appearance.get(),
    'appearance:setTheme': ({ theme }) => appearance.setTheme(theme),
    'backup:run': () => backups.run('manual'),
    'backup:listGenerations': ({ passphrase, choose }) =>
      restore.list(passphrase, choose, seams.chooseFolder),
    'backup:restore': ({ vaultId, generation, passphrase }) =>
      restore.restore(vaultId, generation, passphrase),

    'files:chooseFolder': async ({ purpose }) => {
      if (!seams.chooseFolder)
        throw new AttuneError('invalid-input', 'Choosing folders is not available here.');
      // Exports open where the last one went, and remember where this one goes.
      const path =
        purpose === 'export-to' ? await saved.chooseExportFolder() : await seams.chooseFolder(purpose);
      if (path) chosen.remember(purpose, path);
      return path ? { path } : null;
    },
    'records:get': ({ clientId, noteId }) => records.get(clientId, noteId),
    'records:saveNotePdf': ({ noteId, folder }) =>
      shown(
        records.saveNotePdf(noteId, chosen.require('export-to', folder, 'the folder'), printRecord()),
        byPath,
      ),
    'records:exportClient': ({ clientId, folder }) =>
      shown(
        records.exportClient(clientId, chosen.require('export-to', folder, 'the folder'), printRecord()),
        (r) => r.pdfPath,
      ),
    'records:exportAll': ({ folder, includeProcessNotes }) =>
      shown(
        records.exportAll(chosen.require('export-to', folder, 'the folder'), includeProcessNotes),
        byPath,
      ),
    'records:previewImport': ({ path }) =>
      records.previewImport(chosen.require('import-records', path, 'the file to import')),
    'records:import': ({ path }) =>
      records.importFile(chosen.require('import-records', path, 'the file to import')),
    'review:savePdf': ({ packetId, saveTo }) => {
      if (!seams.printToPdf) throw new AttuneError('invalid-input', 'Saving a PDF is not available here.');
      const print = seams.printToPdf;
      return shown(
        review.savePdf(packetId, () => print('case-summary'), savePath('review-summary', saveTo)),
        byPath,
      );
    },
    'files:chooseSaveFile': ({ purpose, suggestedName }) => saved.chooseSaveAs(purpose, suggestedName),
    'files:showInFolder': ({ fileId }) => saved.show(fileId),
    'clientEntry:start': ({ noteId, form, greeting }) => services.clientEntry.start(noteId, form, greeting),
    'clientEntry:status': () => services.clientEntry.status(),
    'clientEntry:saveFeedback': ({ feedback }) => services.clientEntry.saveFeedback(feedback),
    'clientEntry:saveMeasure': ({ answers }) => services.clientEntry.saveMeasure(answers),
    'clientEntry:finish': ({ passphrase }) => services.clientEntry.finish(passphrase),
    'charts:save': async ({ chart, format, scope, saveTo, image }) => {
      const path = chosen.require(`chart-${format}`, saveTo, 'where to save the chart');
      const vault = session.vault; // refuses while locked, before anything is written
      await writeExportFile(path, chartImageBytes(format, image));
      await vault.appendAudit('export', { what: 'chart', chart, format, scope });
      return { path, fileId: saved.written(path) };
    },
  };
}
