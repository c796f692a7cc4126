import { useLocale } from '../../i18n/LocaleProvider';

/** Why a case exists: the evaluation that held the unit accountable, or the missed reports that opened it. */
export function CaseOrigin({ evaluation }: { evaluation: { comment: string | null } | null }) {
  const { t } = useLocale();
  return <>{evaluation?.comment ? t('evaluationsCaseFromEvaluation', { comment: evaluation.comment }) : t('evaluationsCaseFromMissed')}</>;
}
