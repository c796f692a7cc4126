import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { ROLE_LABEL } from '../../app/roles';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { ROLE_OPTIONS } from './roleOptions';
import { showServerErrors } from './serverFieldErrors';

type Values = { username: string; displayName: string; password: string; phone?: string; role: (typeof ROLE_OPTIONS)[number] };
const FIELDS = ['username', 'displayName', 'password', 'phone', 'role', 'orgUnitId'];

/** 添加人员: an account with its first role on the selected unit (an account without a role can do nothing). */
export function CreatePersonModal({ unit, open, onClose }: { unit: { id: string; name: string }; open: boolean; onClose: () => void }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation(
    trpc.people.create.mutationOptions({
      onSuccess: async (_, input) => {
        void message.success(t('orgCreated', { name: input.displayName }));
        await queryClient.invalidateQueries({ queryKey: trpc.people.list.pathKey() });
        form.resetFields();
        onClose();
      },
      onError: (error) => setProblem(showServerErrors(form, error, text, FIELDS)),
    }),
  );
  const submit = (values: Values) => {
    setProblem(null);
    create.mutate({ ...values, phone: values.phone?.trim() || undefined, orgUnitId: unit.id });
  };
  return (
    <Modal
      title={`${t('orgCreatePerson')} · ${unit.name}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('orgCreate')}
      cancelText={t('orgCancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ role: 'grid_staff' }} name="create-person">
        <Form.Item name="username" label={t('orgUsername')} extra={t('orgUsernameRule')} rules={[{ required: true, message: t('orgRequired') }, { pattern: /^[a-zA-Z0-9_.-]{3,64}$/, message: t('orgUsernameRule') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('orgDisplayName')} rules={[{ required: true, whitespace: true, message: t('orgRequired') }, { max: 64 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="password" label={t('orgPassword')} rules={[{ required: true, message: t('orgRequired') }, { min: 8, message: t('orgPasswordRule') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="phone" label={t('orgPhone')} rules={[{ max: 32 }]}>
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('orgFirstRole')} rules={[{ required: true, message: t('orgRequired') }]}>
          <Select options={ROLE_OPTIONS.map((role) => ({ value: role, label: t(ROLE_LABEL[role]!) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
