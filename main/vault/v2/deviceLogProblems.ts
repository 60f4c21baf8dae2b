import type { SyncTool } from './syncNames';
import type { LogFrame, SyncProblem } from './types';

/**
 * What readDeviceLog reports, in words for the user. Device names are not known there, so each
 * message names the device by its hex id, written so that replacing the hex with the device's
 * name reads well ("Part of <hex>'s changes" -> "Part of Laptop's changes").
 */

const TOOL_NAMES: Record<SyncTool, string> = {
  syncthing: 'Syncthing',
  dropbox: 'Dropbox',
  onedrive: 'OneDrive',
  icloud: 'iCloud Drive',
  gdrive: 'Google Drive',
  nextcloud: 'Nextcloud',
};

/** A sync tool's conflict copy of a segment, read like the segment: information only (§11). */
export function artefactProblem(
  folder: string,
  name: string,
  deviceHex: string,
  tool: SyncTool,
  of: string,
): SyncProblem {
  return {
    type: 'artefact',
    file: `${folder}/${name}`,
    deviceHex,
    message:
      `${TOOL_NAMES[tool]} made a conflict copy of ${deviceHex}'s ${of}, named ${name}. ` +
      'Attune reads the changes in it as well, so nothing is lost; you do not need to do anything.',
  };
}

/** A segment whose header does not match its name and folder (§6): skipped. */
export function headerProblem(folder: string, name: string, deviceHex: string, why: string): SyncProblem {
  return {
    type: 'damage',
    file: `${folder}/${name}`,
    deviceHex,
    message:
      `${name} in the folder of ${deviceHex}'s changes is not readable (${why}), so Attune ` +
      'skipped it. If it was copied there by hand, move it out; otherwise open Attune on ' +
      `${deviceHex} so the sync tool sends its files again, or restore a backup.`,
  };
}

/** Frames that fail their checks (§8): the file is not read past `offset`. */
export function damageProblem(
  folder: string,
  name: string,
  deviceHex: string,
  own: boolean,
  offset: number,
  why: string,
): SyncProblem {
  const whatToDo = own
    ? 'The changes before that point are kept. If another computer using this vault has the ' +
      'whole file, open Attune there; otherwise restore a backup to get the later changes back.'
    : 'The changes before that point are kept. Open Attune on ' +
      `${deviceHex} so the sync tool sends the file again, or restore a backup.`;
  return {
    type: 'damage',
    file: `${folder}/${name}`,
    deviceHex,
    offset,
    message: `Part of ${deviceHex}'s changes (${name} from byte ${offset}) is damaged: ${why}. ${whatToDo}`,
  };
}

/** A file in a device folder that Attune does not know: reported, never read, never deleted (§2). */
export function foreignProblem(folder: string, name: string, deviceHex: string): SyncProblem {
  return {
    type: 'foreign',
    file: `${folder}/${name}`,
    deviceHex,
    message:
      `${name}, in the folder of ${deviceHex}'s changes, is not an Attune file. Attune does not ` +
      'read or delete it; if you do not need it, you can move it out of the vault folder.',
  };
}

/** An own segment that ends inside a frame although a later segment exists: not a crash (§8). */
export function tornSegmentProblem(
  folder: string,
  name: string,
  deviceHex: string,
  offset: number,
): SyncProblem {
  return {
    type: 'damage',
    file: `${folder}/${name}`,
    deviceHex,
    offset,
    message:
      `Part of ${deviceHex}'s changes (${name} from byte ${offset}) is damaged: the file ends ` +
      'in the middle of a change, although later changes were written after it. The changes ' +
      'before that point are kept. If another computer using this vault has the whole file, ' +
      'open Attune there; otherwise restore a backup to get the later changes back.',
  };
}

/** Two different frames with one seq (§8): both kept; the chain decides which is applied. */
export function forkProblem(deviceHex: string, folder: string, seq: number, found: LogFrame[]): SyncProblem {
  const names = [...new Set(found.map((frame) => frame.file))];
  const where =
    names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : `two places in ${names[0]}`;
  return {
    type: 'fork',
    file: `${folder}/${names[names.length - 1]}`,
    deviceHex,
    message:
      `Two different versions of change ${seq} from ${deviceHex} were found (in ${where}). This ` +
      "happens when a sync tool keeps two copies of a file, or when one computer's vault folder " +
      'was copied to another and used on both. Attune keeps both and uses the one that continues ' +
      `${deviceHex}'s history; check the changes made on ${deviceHex} around then.`,
  };
}

/** A pack (FORMAT.md §6.1) that cannot be used: nothing is lost, its changes are read from the segments. */
export function packProblem(folder: string, name: string, deviceHex: string, why: string): SyncProblem {
  return {
    type: 'damage',
    file: `${folder}/${name}`,
    deviceHex,
    message:
      `${name}, the packed copy of ${deviceHex}'s changes, cannot be used (${why}). No change is lost: ` +
      `Attune reads them from the change log itself. ${deviceHex} writes a new pack when it next locks.`,
  };
}
