import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HTMLAttributes } from 'react';
import { App as AntApp, Button, Popconfirm, Space, Table, Typography } from 'antd';
import { errorMessage } from '../../app/errors';
import { formatDateTime } from '../../app/formatDate';
import { usePrincipal } from '../../app/PrincipalContext';
import { canActOn } from '../../app/roles';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC, type RouterOutputs } from '../../trpc';
import { adminAction } from './assignmentStatus';
import { AssignmentStatusTag } from './AssignmentStatusTag';
import { LevelTag } from './LevelTag';

type Assignment = RouterOutputs['mobilize']['list'][number];

/** Assignments with their registration state; an admin over the unit releases or withdraws them. */
export function AssignmentsTable({ rows }: { rows: readonly Assignment[] }) {
  const { t, text, lang } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const principal = usePrincipal();
  const { message } = AntApp.useApp();
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.mobilize.list.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.mobilize.coverage.pathKey() })]);
  const onError = (error: unknown) => void message.error(errorMessage(error, text));
  const release = useMutation(trpc.mobilize.release.mutationOptions({ onSuccess: async () => (void message.success(t('orgReleased')), await refresh()), onError }));
  const withdraw = useMutation(trpc.mobilize.unassign.mutationOptions({ onSuccess: async () => (void message.success(t('orgWithdrawn')), await refresh()), onError }));

  const action = (a: Assignment) => {
    const kind = canActOn(principal, a.unit.path, 'admin') ? adminAction(a) : null;
    if (!kind) return null;
    const vars = { name: a.person.displayName, unit: a.unit.name };
    return (
      <Popconfirm
        title={t(kind === 'release' ? 'orgReleaseConfirm' : 'orgWithdrawConfirm', vars)}
        okText={t(kind === 'release' ? 'orgRelease' : 'orgWithdraw')}
        cancelText={t('orgCancel')}
        okButtonProps={{ danger: true }}
        onConfirm={() => (kind === 'release' ? release.mutateAsync({ registrationId: a.registration!.id }) : withdraw.mutateAsync({ assignmentId: a.id })).catch(() => undefined)}
      >
        <Button size="small" danger={kind === 'withdraw'}>
          {t(kind === 'release' ? 'orgRelease' : 'orgWithdraw')}
        </Button>
      </Popconfirm>
    );
  };

  return (
    <Table<Assignment>
      rowKey="id"
      size="small"
      dataSource={[...rows]}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('orgAssignmentsNone') }}
      onRow={() => ({ 'data-testid': 'assignment-row' }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('orgPerson'),
          key: 'person',
          render: (_, a) => (
            <Space direction="vertical" size={0}>
              <Typography.Text strong>{a.person.displayName}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.person.username}
              </Typography.Text>
            </Space>
          ),
        },
        {
          title: t('orgUnit'),
          key: 'unit',
          render: (_, a) => (
            <Space size={4} wrap>
              <span>{a.unit.name}</span>
              <LevelTag level={a.unit.level} />
            </Space>
          ),
        },
        { title: t('orgStatus'), key: 'status', render: (_, a) => <AssignmentStatusTag assignment={a} /> },
        { title: t('orgAssignedAt'), key: 'at', render: (_, a) => formatDateTime(a.assignedAt, lang) },
        { title: t('orgActions'), key: 'actions', render: (_, a) => action(a) },
      ]}
    />
  );
}
