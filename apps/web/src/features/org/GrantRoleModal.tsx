import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { ROLE_LABEL } from '../../app/roles';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { PersonPicker } from './PersonPicker';
import { ROLE_OPTIONS } from './roleOptions';
import { showServerErrors } from './serverFieldErrors';

type Values = { userId: string; role: (typeof ROLE_OPTIONS)[number] };
const FIELDS = ['userId', 'role', 'orgUnitId'];

/** 授予角色: give an existing person a role on the selected unit (e.g. grid_staff on a grid). */
export function GrantRoleModal({ unit, scopeUnitId, open, onClose }: { unit: { id: string; name: string }; scopeUnitId: string | undefined; open: boolean; onClose: () => void }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const grant = useMutation(
    trpc.people.grant.mutationOptions({
      onSuccess: async () => {
        void message.success(t('orgGranted'));
        await queryClient.invalidateQueries({ queryKey: trpc.people.list.pathKey() });
        form.resetFields();
        onClose();
      },
      onError: (error) => setProblem(showServerErrors(form, error, text, FIELDS)),
    }),
  );
  return (
    <Modal
      title={`${t('orgGrantRole')} · ${unit.name}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('orgGrantRole')}
      cancelText={t('orgCancel')}
      confirmLoading={grant.isPending}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        name="grant-role"
        initialValues={{ role: 'grid_staff' }}
        onFinish={(values) => {
          setProblem(null);
          grant.mutate({ ...values, orgUnitId: unit.id });
        }}
      >
        <Form.Item name="userId" label={t('orgPerson')} extra={t('orgPersonHint')} rules={[{ required: true, message: t('orgRequired') }]}>
          <PersonPicker scopeUnitId={scopeUnitId} />
        </Form.Item>
        <Form.Item name="role" label={t('orgRole')} rules={[{ required: true, message: t('orgRequired') }]}>
          <Select options={ROLE_OPTIONS.map((role) => ({ value: role, label: t(ROLE_LABEL[role]!) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
