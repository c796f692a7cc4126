import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, DatePicker, Form, Input, Modal, Popconfirm, Radio, Space } from 'antd';
import { useState } from 'react';
import { errorMessage, serverIssues } from '../../app/errors';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { caseCommand, issueFields, type CaseAction, type CaseFormValues } from './caseActions';

/** One button per step the case may take now; steps that need words open a form first. */
export function CaseActionPanel({ caseId, actions }: { caseId: string; actions: CaseAction[] }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState<CaseAction | null>(null);
  const [form] = Form.useForm<CaseFormValues>();
  const advance = useMutation(
    trpc.cases.advance.mutationOptions({
      onSuccess: async (_, input) => {
        message.success(t('evaluationsCaseDone', { action: t(`evaluationsAction_${input.command.type}`) }));
        setOpen(null);
        form.resetFields();
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.cases.get.queryKey({ caseId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.cases.list.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.audit.history.queryKey({ instanceId: caseId }) }),
        ]);
      },
      onError: (error) => {
        form.setFields(issueFields(serverIssues(error), text, 'command.') as never);
        message.error(errorMessage(error, text));
      },
    }),
  );
  const send = (action: CaseAction, values: CaseFormValues = {}) => advance.mutate({ caseId, command: caseCommand(action, values) });
  const required = [{ required: true, whitespace: true, message: t('evaluationsRequired') }];
  return (
    <Space wrap>
      {actions.map((action) =>
        action === 'INVESTIGATE' ? (
          <Popconfirm key={action} title={t('evaluationsInvestigateConfirm')} okText={t('evaluationsConfirm')} cancelText={t('evaluationsCancel')} onConfirm={() => send('INVESTIGATE')}>
            <Button type="primary" loading={advance.isPending}>
              {t('evaluationsAction_INVESTIGATE')}
            </Button>
          </Popconfirm>
        ) : (
          <Button key={action} type="primary" onClick={() => setOpen(action)}>
            {t(`evaluationsAction_${action}`)}
          </Button>
        ),
      )}
      <Modal
        open={open !== null}
        title={open ? t(`evaluationsAction_${open}`) : ''}
        okText={t('evaluationsSubmitAction')}
        cancelText={t('evaluationsCancel')}
        confirmLoading={advance.isPending}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<CaseFormValues> form={form} layout="vertical" preserve={false} onFinish={(values) => open && send(open, values)} initialValues={{ decision: 'sanction', requirements: [''] }}>
          {open === 'DECIDE' && (
            <>
              <Form.Item name="decision" label={t('evaluationsCaseDecision')} rules={[{ required: true, message: t('evaluationsRequired') }]}>
                <Radio.Group>
                  <Radio value="sanction">{t('evaluationsDecision_sanction')}</Radio>
                  <Radio value="no_fault">{t('evaluationsDecision_no_fault')}</Radio>
                </Radio.Group>
              </Form.Item>
              <Form.Item name="finding" label={t('evaluationsFinding')} rules={required}>
                <Input.TextArea rows={3} maxLength={4000} />
              </Form.Item>
            </>
          )}
          {open === 'REQUIRE_RECTIFICATION' && (
            <>
              <Form.List name="requirements">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field, i) => (
                      <Form.Item key={field.key} label={t('evaluationsRequirement', { n: i + 1 })} required>
                        <Space.Compact style={{ width: '100%' }}>
                          <Form.Item name={field.name} noStyle rules={required}>
                            <Input maxLength={1000} aria-label={t('evaluationsRequirement', { n: i + 1 })} />
                          </Form.Item>
                          {fields.length > 1 && <Button icon={<MinusCircleOutlined />} aria-label={t('evaluationsRemoveRequirement', { n: i + 1 })} onClick={() => remove(field.name)} />}
                        </Space.Compact>
                      </Form.Item>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} block style={{ marginBottom: 16 }}>
                      {t('evaluationsAddRequirement')}
                    </Button>
                  </>
                )}
              </Form.List>
              <Form.Item name="dueAt" label={t('evaluationsRectifyDue')} rules={[{ required: true, message: t('evaluationsRequired') }]}>
                <DatePicker showTime style={{ width: '100%' }} />
              </Form.Item>
            </>
          )}
          {open === 'CLOSE_CASE' && (
            <Form.Item name="summary" label={t('evaluationsSummary')} rules={required}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
