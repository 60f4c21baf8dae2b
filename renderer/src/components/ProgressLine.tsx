import { useId } from 'react';
import type { TaskProgress } from '../data/useTaskProgress';

/** A labelled progress bar for long work in main: "Backing up: 4,210 of 21,294 files". */
export function ProgressLine({
  label,
  progress,
  unit,
}: {
  label: string;
  progress: TaskProgress | null;
  unit: string;
}) {
  const id = useId();
  const words = progress
    ? `${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} ${unit}`
    : 'starting…';
  return (
    <div className="progress-line">
      <label htmlFor={id}>
        {label}: {words}
      </label>
      <progress id={id} max={progress?.total || 1} value={progress ? progress.done : undefined} />
    </div>
  );
}
