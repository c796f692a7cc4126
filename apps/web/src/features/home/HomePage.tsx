import { Space, Typography } from 'antd';
import { usePrincipal } from '../../app/PrincipalContext';
import { hasRole } from '../../app/roles';
import { useLocale } from '../../i18n/LocaleProvider';
import { AuditorOverview } from '../audit/AuditorOverview';
import { AdminOverview } from '../directives/AdminOverview';
import { MyAssignmentsOverview } from '../org/MyAssignmentsOverview';
import { WorkerOverview } from '../tasks/WorkerOverview';

/** The first screen after signing in: for each role the user holds, what needs them now. */
export function HomePage() {
  const { t } = useLocale();
  const principal = usePrincipal();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('welcome')}
        {principal.displayName}
      </Typography.Title>
      <MyAssignmentsOverview />
      {hasRole(principal, 'grid_staff') && <WorkerOverview />}
      {hasRole(principal, 'admin') && <AdminOverview />}
      {hasRole(principal, 'auditor') && <AuditorOverview />}
    </Space>
  );
}
