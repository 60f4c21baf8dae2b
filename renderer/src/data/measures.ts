/** Saving and deleting outcome measures, with the index updated from main's answer. */
import type { MeasureSaveInput } from '../../../shared/ipc/contract';
import type { Measure } from '../../../shared/measures/measureSchema';
import { call } from './api';
import { putMeasure, removeMeasure } from './summaryIndex';

/** Saves the session's measure of an instrument (creating or replacing it); the charts see it at once. */
export async function saveMeasure(input: MeasureSaveInput): Promise<Measure> {
  const saved = await call('measures:save', input);
  putMeasure(saved);
  return saved;
}

/** Deletes a measure entered by mistake. */
export async function deleteMeasure(id: string): Promise<void> {
  await call('measures:delete', { id });
  removeMeasure(id);
}
