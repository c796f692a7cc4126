import { Card, List, Typography } from 'antd';
import { usePrincipal } from '../../app/PrincipalContext';
import { ROLE_LABEL } from '../../app/roles';
import { useLocale } from '../../i18n/LocaleProvider';

/** Who is signed in and with which roles where; the admin and auditor screens come later. */
export function HomePage() {
  const principal = usePrincipal();
  const { t } = useLocale();
  return (
    <>
      <Typography.Title level={3}>
        {t('welcome')}
        {principal.displayName}
      </Typography.Title>
      <Card size="small" title={t('yourRoles')}>
        <List
          size="small"
          dataSource={principal.grants}
          renderItem={(g) => (
            <List.Item key={`${g.role}:${g.orgUnitId}`}>
              {ROLE_LABEL[g.role] ? t(ROLE_LABEL[g.role]!) : g.role} · {g.path}
            </List.Item>
          )}
        />
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('homeHint')}
      </Typography.Paragraph>
    </>
  );
}
