import './sync.css';
import { GitMerge } from 'lucide-react';
import { Icon } from '../../components/Icon';
import { conflictNoticeText } from './syncWords';
import { useConflicts } from './useConflicts';

/** The workspace's notice while records are in conflict, never silent: "2 notes were edited… Review". */
export function ConflictsNotice({ onReview }: { onReview: () => void }) {
  const { conflicts, settledSigned } = useConflicts();
  const text = conflictNoticeText(conflicts);
  if (!text && settledSigned.length === 0) return null;
  return (
    <div role="status" className="sync-banner" aria-label="Edited on two computers">
      <Icon icon={GitMerge} />
      <span className="banner-text">
        {text ??
          `${settledSigned.length === 1 ? 'A signed note was' : `${settledSigned.length} signed notes were`} also changed on another computer; the changes were added as an addendum.`}
      </span>
      <button type="button" onClick={onReview}>
        Review
      </button>
    </div>
  );
}
