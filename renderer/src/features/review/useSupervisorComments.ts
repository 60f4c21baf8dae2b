import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SupervisorComment } from '../../../../shared/ipc/contract';
import { messageOf } from '../../data/api';
import { listSupervisorComments, setCommentAddressed } from './reviewData';

/** A client's returned supervisor comments: on the case, and by session; reloaded after an import. */
export function useSupervisorComments(clientId: string) {
  const [comments, setComments] = useState<SupervisorComment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the reload trigger, bumped after an import.
  useEffect(() => {
    let current = true;
    listSupervisorComments(clientId)
      .then((list) => current && setComments(list))
      .catch((failure) => current && setError(messageOf(failure)));
    return () => {
      current = false;
    };
  }, [clientId, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // The checkbox follows the click at once; main's answer then replaces it (or puts it back).
  const setAddressed = useCallback(async (id: string, addressed: boolean) => {
    const mark = (value: boolean) =>
      setComments((list) => list.map((c) => (c.id === id ? { ...c, addressed: value } : c)));
    mark(addressed);
    try {
      const updated = await setCommentAddressed(id, addressed);
      setComments((list) => list.map((c) => (c.id === id ? updated : c)));
    } catch (failure) {
      mark(!addressed);
      setError(messageOf(failure));
    }
  }, []);

  const { onCase, bySession } = useMemo(() => {
    const bySession = new Map<string, SupervisorComment[]>();
    const onCase: SupervisorComment[] = [];
    for (const c of comments) {
      if (c.target.kind === 'case') onCase.push(c);
      else bySession.set(c.target.sessionId, [...(bySession.get(c.target.sessionId) ?? []), c]);
    }
    return { onCase, bySession };
  }, [comments]);

  return { comments, onCase, bySession, error, reload, setAddressed };
}
