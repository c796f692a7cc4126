import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, List, Space, Typography } from 'antd';
import { errorMessage } from '../../app/errors';
import { formatDateTime } from '../../app/formatDate';
import { usePrincipal } from '../../app/PrincipalContext';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC, type RouterOutputs } from '../../trpc';
import { canRegister } from './assignmentStatus';
import { AssignmentStatusTag } from './AssignmentStatusTag';
import { LevelTag } from './LevelTag';

type Assignment = RouterOutputs['mobilize']['mine'][number];

/** The signed-in person's assignments, each with a 报到 button while their arrival is awaited. */
export function MyAssignmentList({ rows }: { rows: readonly Assignment[] }) {
  const { t, text, lang } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const principal = usePrincipal();
  const { message } = AntApp.useApp();
  const register = useMutation(
    trpc.mobilize.register.mutationOptions({
      onSuccess: async () => {
        void message.success(t('orgRegistered'));
        await queryClient.invalidateQueries({ queryKey: trpc.mobilize.mine.queryKey() });
      },
      onError: (error) => void message.error(errorMessage(error, text)),
    }),
  );
  return (
    <List
      bordered
      dataSource={[...rows]}
      locale={{ emptyText: t('orgMineNone') }}
      renderItem={(a) => (
        <List.Item
          key={a.id}
          data-testid="my-assignment"
          actions={
            canRegister(a, principal.userId)
              ? [
                  <Button key="register" type="primary" loading={register.isPending && register.variables?.registrationId === a.registration?.id} onClick={() => register.mutate({ registrationId: a.registration!.id })}>
                    {t('orgRegister')}
                  </Button>,
                ]
              : []
          }
        >
          <List.Item.Meta
            title={
              <Space wrap size={6}>
                <Typography.Text strong>{a.unit.name}</Typography.Text>
                <LevelTag level={a.unit.level} />
                <AssignmentStatusTag assignment={a} />
              </Space>
            }
            description={
              <Space direction="vertical" size={0}>
                <span>{a.directiveTitle}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('orgAssignedBy')} {a.assignedBy.displayName} · {formatDateTime(a.assignedAt, lang)}
                </Typography.Text>
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}
