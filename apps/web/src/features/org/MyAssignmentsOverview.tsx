import { useQuery } from '@tanstack/react-query';
import { Alert, Card } from 'antd';
import { Link } from 'react-router';
import { errorMessage } from '../../app/errors';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { assignmentStatus } from './assignmentStatus';
import { MyAssignmentList } from './MyAssignmentList';

/** On the home screen of anyone sent down or assigned: the assignments still in force, with 报到.
 * People without assignments see nothing here. */
export function MyAssignmentsOverview() {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const mine = useQuery(trpc.mobilize.mine.queryOptions());
  if (mine.isError) return <Alert type="error" showIcon message={t('orgMine')} description={errorMessage(mine.error, text)} />;
  const current = (mine.data ?? []).filter((a) => ['awaiting', 'registered', 'active'].includes(assignmentStatus(a)));
  if (current.length === 0) return null;
  return (
    <Card title={t('orgMine')} size="small" extra={<Link to="/assignments">{t('orgMineAll')}</Link>}>
      <MyAssignmentList rows={current} />
    </Card>
  );
}
