import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc';
import type { SubjectRef } from './evaluationSubjects';

/** The subject's tasks under the directive; one cached query shared by the picker and the form. */
export function useEvidence(directiveId: string, subject: SubjectRef | null) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.evaluations.evidence.queryOptions(subject?.kind === 'user' ? { directiveId, userId: subject.id } : { directiveId, unitId: subject?.id ?? '' }),
    enabled: subject !== null,
  });
}
