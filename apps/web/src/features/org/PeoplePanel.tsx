import { PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/errors';
import { usePrincipal } from '../../app/PrincipalContext';
import { grantsOf, reaches, ROLE_LABEL } from '../../app/roles';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { CreatePersonModal } from './CreatePersonModal';
import { GrantRoleModal } from './GrantRoleModal';
import { LevelTag } from './LevelTag';
import { canGrantOn, canRevoke } from './orgPermissions';
import { grantsInScope, type GrantRow } from './people';

type Unit = { id: string; name: string; level: string; path: string };

/** The people of a unit with their roles; an admin over it adds people, grants and revokes roles. */
export function PeoplePanel({ unit }: { unit: Unit }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const principal = usePrincipal();
  const { message } = AntApp.useApp();
  const [below, setBelow] = useState(true);
  const [modal, setModal] = useState<'create' | 'grant' | null>(null);
  const people = useQuery(trpc.people.list.queryOptions({ orgUnitId: unit.id }));
  const revoke = useMutation(
    trpc.people.revoke.mutationOptions({
      onSuccess: async () => {
        void message.success(t('orgRevoked'));
        await queryClient.invalidateQueries({ queryKey: trpc.people.list.pathKey() });
      },
      onError: (error) => void message.error(errorMessage(error, text)),
    }),
  );
  const mayGrant = canGrantOn(principal, unit);
  // The picker offers the people of the admin's whole area, not only of this unit.
  const scopeUnitId = grantsOf(principal, 'admin').find((g) => reaches(g.path, unit.path))?.orgUnitId;

  const columns = [
    {
      title: t('orgPerson'),
      key: 'person',
      render: (_: unknown, row: GrantRow) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{row.displayName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.username}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('orgRole'), key: 'role', render: (_: unknown, row: GrantRow) => <Tag color={row.role === 'admin' ? 'red' : row.role === 'auditor' ? 'purple' : 'blue'}>{ROLE_LABEL[row.role] ? t(ROLE_LABEL[row.role]!) : row.role}</Tag> },
    {
      title: t('orgUnit'),
      key: 'unit',
      render: (_: unknown, row: GrantRow) => (
        <Space size={4} wrap>
          <span>{row.unit.name}</span>
          <LevelTag level={row.unit.level} />
        </Space>
      ),
    },
    {
      title: t('orgActions'),
      key: 'actions',
      render: (_: unknown, row: GrantRow) =>
        canRevoke(principal, row) ? (
          <Popconfirm
            title={t('orgRevokeConfirm', { name: row.displayName, unit: row.unit.name, role: ROLE_LABEL[row.role] ? t(ROLE_LABEL[row.role]!) : row.role })}
            okText={t('orgRevokeOk')}
            cancelText={t('orgRevokeCancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke.mutateAsync({ grantId: row.grantId }).catch(() => undefined)}
          >
            <Button size="small" danger aria-label={`${t('orgRevoke')} ${row.displayName}`}>
              {t('orgRevoke')}
            </Button>
          </Popconfirm>
        ) : row.userId === principal.userId ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('orgOwnGrant')}
          </Typography.Text>
        ) : null,
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Segmented
          aria-label={t('orgPeopleScope')}
          value={below ? 'below' : 'here'}
          onChange={(v) => setBelow(v === 'below')}
          options={[
            { value: 'below', label: t('orgPeopleSubtree') },
            { value: 'here', label: t('orgPeopleHere') },
          ]}
        />
        {mayGrant && (
          <Space wrap>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal('create')}>
              {t('orgCreatePerson')}
            </Button>
            <Button icon={<UserAddOutlined />} onClick={() => setModal('grant')}>
              {t('orgGrantRole')}
            </Button>
          </Space>
        )}
      </Space>
      {unit.level === 'household' && <Alert type="info" showIcon message={t('orgNoRolesOnHousehold')} />}
      <QueryState query={people}>
        {(rows) => (
          <Table<GrantRow>
            rowKey="grantId"
            size="small"
            columns={columns}
            dataSource={grantsInScope(rows, unit, below)}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('orgPeopleNone') }}
          />
        )}
      </QueryState>
      {mayGrant && modal === 'create' && <CreatePersonModal unit={unit} open onClose={() => setModal(null)} />}
      {mayGrant && modal === 'grant' && <GrantRoleModal unit={unit} scopeUnitId={scopeUnitId} open onClose={() => setModal(null)} />}
    </Space>
  );
}
