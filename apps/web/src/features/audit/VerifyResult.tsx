import { Alert, Typography } from 'antd';
import { Link } from 'react-router';
import { useLocale } from '../../i18n/LocaleProvider';
import type { RouterOutputs } from '../../trpc';
import { reasonKey } from './machineLabels';

export type AuditReport = RouterOutputs['audit']['verify'];
type Failure = AuditReport['failures'][number];

/** How many problems are named one by one; the rest are counted. */
const LISTED = 10;

function FailureLine({ failure }: { failure: Failure }) {
  const { t } = useLocale();
  const instance = failure.instanceId.slice(0, 8);
  const where = failure.seq === null ? t('auditVerifyAtInstance', { instance }) : t('auditVerifyAt', { instance, seq: failure.seq });
  const to = `/audit/instances/${failure.instanceId}${failure.seq === null ? '' : `?seq=${failure.seq}`}`;
  return (
    <span data-testid="verify-failure" data-instance={failure.instanceId} data-seq={failure.seq ?? ''}>
      <Link to={to} aria-label={`${t('auditVerifyShowRow')}: ${where}`}>
        {where}
      </Link>
      {':'}
      {t(reasonKey(failure.reason))}
      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
        ({failure.reason})
      </Typography.Text>
    </span>
  );
}

/** The outcome of a verification: OK with what was checked, or the earliest bad row first, each
 * linked to the row in its instance's timeline. */
export function VerifyResult({ report }: { report: AuditReport }) {
  const { t } = useLocale();
  if (report.ok) {
    return <Alert type="success" showIcon data-testid="verify-result" data-ok="true" role="status" message={t('auditVerifyOk', { instances: report.instances, rows: report.rows })} />;
  }
  const [first, ...rest] = report.failures;
  const more = rest.length - (LISTED - 1);
  return (
    <Alert
      type="error"
      showIcon
      data-testid="verify-result"
      data-ok="false"
      message={t('auditVerifyBad', { count: report.failures.length })}
      description={
        <div>
          {first && (
            <div>
              <Typography.Text strong>{t('auditVerifyFirst')}</Typography.Text>
              <FailureLine failure={first} />
            </div>
          )}
          {rest.length > 0 && (
            <ul style={{ margin: '8px 0 0', paddingInlineStart: 20 }}>
              {rest.slice(0, LISTED - 1).map((f) => (
                <li key={`${f.instanceId}:${f.seq ?? ''}`}>
                  <FailureLine failure={f} />
                </li>
              ))}
            </ul>
          )}
          {more > 0 && <Typography.Text type="secondary">{t('auditVerifyMore', { count: more })}</Typography.Text>}
        </div>
      }
    />
  );
}
