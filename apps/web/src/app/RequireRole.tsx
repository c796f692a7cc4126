import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useLocale } from '../i18n/LocaleProvider';
import { usePrincipal } from './PrincipalContext';
import type { Role } from './roles';

/** A screen for some roles only: anyone else is told so (the server refuses them anyway). */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useLocale();
  const principal = usePrincipal();
  if (!principal.grants.some((g) => roles.includes(g.role))) return <Result status="403" title={t('forbiddenScreen')} />;
  return <>{children}</>;
}
