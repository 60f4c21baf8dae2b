import { z } from 'zod';
import { packetIdSchema } from '../../review/packetSchema';
import { returns } from './returns';
import { fileIdSchema, type Saved, savePathInput, suggestedFileName } from './savedFile';

/** What the user is choosing a file for; main picks the dialog's title and file filter from it. */
export const filePurposeIds = ['open-packet', 'open-comments', 'import-records'] as const;
export type FilePurpose = (typeof filePurposeIds)[number];

/** What the user is choosing a folder for; main picks the dialog's title and button from it. */
export const folderPurposeIds = [
  'backup-folder',
  'restore-from',
  'export-to',
  'vault-location',
  'vault-open',
] as const;
export type FolderPurpose = (typeof folderPurposeIds)[number];

/** What the user is saving a file as; main picks the save dialog's title and file type from it. */
export const savePurposeIds = [
  'recovery-key',
  'review-packet',
  'review-summary',
  'review-comments',
  'chart-svg',
  'chart-png',
] as const;
export type SavePurpose = (typeof savePurposeIds)[number];
/** The save purposes of exports (the recovery key has its own channel). */
export const exportPurposeIds = savePurposeIds.filter(
  (p): p is Exclude<SavePurpose, 'recovery-key'> => p !== 'recovery-key',
) as [Exclude<SavePurpose, 'recovery-key'>, ...Exclude<SavePurpose, 'recovery-key'>[]];

/**
 * Files the renderer cannot reach by itself: it never names a path it made up, it asks main to
 * show the native open dialog, and it asks main to print its current page to a PDF in the
 * exports folder.
 */
export const filesContract = {
  /** The native open dialog; null when the user cancels. */
  'files:chooseReviewFile': {
    input: z.strictObject({
      purpose: z.enum(filePurposeIds, { error: 'Say what the file is for: a packet, comments or records.' }),
    }),
    output: returns<{ path: string } | null>(),
  },
  /** The native folder dialog (may create a folder); null when the user cancels. */
  'files:chooseFolder': {
    input: z.strictObject({
      purpose: z.enum(folderPurposeIds, { error: 'Say what the folder is for.' }),
    }),
    output: returns<{ path: string } | null>(),
  },
  /**
   * Prints the calling window's current page (the case summary's print view of the preview
   * `packetId`) to `<dataDir>/exports/<alias>-<packet date>-summary.pdf`, never over an earlier
   * file, and records the export in the audit log. The packet date is the packet's own "made"
   * date (shifted when its dates are), as are the PDF's document dates.
   */
  'review:savePdf': {
    input: z.strictObject({ packetId: packetIdSchema, saveTo: savePathInput.optional() }),
    output: returns<Saved<{ path: string }>>(),
  },
  /**
   * The native save dialog for an export, opened in the folder of the last export at
   * `suggestedName`; null when the user cancels. The chosen path is the only one that export
   * may then write (`saveTo`).
   */
  'files:chooseSaveFile': {
    input: z.strictObject({
      purpose: z.enum(exportPurposeIds, { error: 'Say what is being saved.' }),
      suggestedName: suggestedFileName,
    }),
    output: returns<{ path: string } | null>(),
  },
  /**
   * Writes a chart image the renderer drew (SVG markup, or PNG as base64) to the path chosen for
   * it in the save dialog, and records the export in the audit log.
   */
  'charts:save': {
    input: z.strictObject({
      chart: z
        .string()
        .regex(/^[a-z][a-z0-9-]{0,39}$/, 'A chart id is lower-case letters, digits and dashes.'),
      format: z.enum(['png', 'svg']),
      scope: z.enum(['client', 'caseload']),
      saveTo: savePathInput,
      image: z
        .string({ error: 'Send the chart image.' })
        .min(1, 'Send the chart image.')
        .max(40_000_000, 'The chart image is too large to save; make the window smaller and try again.'),
    }),
    output: returns<Saved<{ path: string }>>(),
  },
  /** Shows a file an export just wrote in the system's file manager, by the id the export gave. */
  'files:showInFolder': {
    input: z.strictObject({ fileId: fileIdSchema }),
    output: returns<null>(),
  },
} as const;
