import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Form, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { levelName, type OrgUnitSummary } from './orgTree';
import { PersonPicker } from './PersonPicker';
import { showServerErrors } from './serverFieldErrors';

type Values = { userId: string; orgUnitId: string };
const FIELDS = ['userId', 'orgUnitId', 'directiveId'];

/** 分配人员: put a person on the unit or one of its households for the directive (包网格, 包户, 下沉). */
export function AssignModal({ directiveId, targets, scopeUnitId, onClose }: { directiveId: string; targets: readonly OrgUnitSummary[]; scopeUnitId: string | undefined; onClose: () => void }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const assign = useMutation(
    trpc.mobilize.assign.mutationOptions({
      onSuccess: async () => {
        void message.success(t('orgAssigned'));
        await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.mobilize.list.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.mobilize.coverage.pathKey() })]);
        onClose();
      },
      onError: (error) => setProblem(showServerErrors(form, error, text, FIELDS)),
    }),
  );
  return (
    <Modal title={t('orgAssign')} open onCancel={onClose} onOk={() => form.submit()} okText={t('orgAssign')} cancelText={t('orgCancel')} confirmLoading={assign.isPending} destroyOnHidden>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        name="assign-person"
        initialValues={{ orgUnitId: targets[0]?.id }}
        onFinish={(values) => {
          setProblem(null);
          assign.mutate({ ...values, directiveId });
        }}
      >
        <Form.Item name="userId" label={t('orgPerson')} extra={t('orgPersonHint')} rules={[{ required: true, message: t('orgRequired') }]}>
          <PersonPicker scopeUnitId={scopeUnitId} />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('orgAssignTarget')} rules={[{ required: true, message: t('orgRequired') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={targets.map((u) => ({
              value: u.id,
              label: `${u.name} · ${text(levelName(u.level))}`,
            }))}
            optionRender={(option) => <Space>{option.label}</Space>}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
