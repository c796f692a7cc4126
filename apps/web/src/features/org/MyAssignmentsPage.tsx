import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { MyAssignmentList } from './MyAssignmentList';

/** 我的下沉与包联: where the signed-in person has been sent or assigned, and 报到 on arrival. */
export function MyAssignmentsPage() {
  const { t } = useLocale();
  const trpc = useTRPC();
  const mine = useQuery(trpc.mobilize.mine.queryOptions());
  return (
    <>
      <Typography.Title level={3}>{t('orgMine')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('orgMineHint')}</Typography.Paragraph>
      <QueryState query={mine} isEmpty={(rows) => rows.length === 0} emptyText={t('orgMineNone')}>
        {(rows) => <MyAssignmentList rows={rows} />}
      </QueryState>
    </>
  );
}
