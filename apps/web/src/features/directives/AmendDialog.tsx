import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { errorMessage, serverIssues } from '../../app/errors';
import { formatDateTime } from '../../app/formatDate';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { amendFieldErrors, amendInput, formRefValue, isEmptyAmendment, sentLineIndexes, type AmendValues } from './amendForm';
import type { ReceiptView } from './ReceiptRequirements';
import { useReceiptActions } from './useReceiptActions';

/**
 * 补充要求: a unit adds its own requirements and forms and may bring the deadline forward. The
 * deadline is not limited in the picker: the server decides, and its refusal of a later deadline
 * shows at the deadline field, as every server issue shows at its field.
 */
export function AmendDialog({ receipt, open, onClose }: { receipt: ReceiptView; open: boolean; onClose: () => void }) {
  const { t, text, lang } = useLocale();
  const trpc = useTRPC();
  const [form] = Form.useForm<AmendValues>();
  const [general, setGeneral] = useState<string[]>([]);
  const { amend } = useReceiptActions();
  const forms = useQuery({ ...trpc.forms.list.queryOptions({ orgUnitId: receipt.unit.id }), enabled: open });
  const taken = new Set([...receipt.fromAbove.addedForms, ...receipt.own.addedForms].map(formRefValue));
  const options = (forms.data ?? [])
    .filter((f) => f.publishedAt !== null && !taken.has(formRefValue(f)))
    .map((f) => ({ value: formRefValue(f), label: `${text((f.definition as { title: { zh: string; en: string } }).title)} v${f.version}` }));

  const submit = async (values: AmendValues) => {
    setGeneral([]);
    const input = amendInput(receipt.id, values);
    if (isEmptyAmendment(input)) {
      setGeneral([t('directivesAmendEmpty')]);
      return;
    }
    try {
      await amend.mutateAsync(input);
      form.resetFields();
      onClose();
    } catch (error) {
      const { fields, general: rest } = amendFieldErrors(serverIssues(error), sentLineIndexes(values), text);
      form.setFields(fields);
      setGeneral(fields.length === 0 && rest.length === 0 ? [errorMessage(error, text)] : rest);
    }
  };

  return (
    <Modal
      open={open}
      title={t('directivesAmendTitle', { unit: receipt.unit.name })}
      onCancel={onClose}
      destroyOnHidden
      okText={t('directivesAmendSubmit')}
      cancelText={t('directivesCancel')}
      okButtonProps={{ loading: amend.isPending }}
      onOk={() => form.submit()}
    >
      <Form form={form} name="amend" layout="vertical" initialValues={{ requirements: [''], forms: [] }} onFinish={submit}>
        <Form.List name="requirements">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <Form.Item key={field.key} label={t('directivesAmendRequirement', { n: i + 1 })} required={false}>
                  <Space.Compact style={{ width: '100%' }}>
                    <Form.Item name={field.name} noStyle>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} aria-label={t('directivesAmendRequirement', { n: i + 1 })} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('directivesAmendRemove', { n: i + 1 })} onClick={() => remove(field.name)} />
                  </Space.Compact>
                </Form.Item>
              ))}
              <Form.Item>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} block>
                  {t('directivesAmendAddRequirement')}
                </Button>
                <Form.ErrorList errors={errors} />
              </Form.Item>
            </>
          )}
        </Form.List>
        <Form.Item name="forms" label={t('directivesAmendForms')}>
          <Select mode="multiple" options={options} loading={forms.isPending} placeholder={t('directivesAmendFormsPlaceholder')} allowClear />
        </Form.Item>
        <Form.Item name="deadline" label={t('directivesAmendDeadline')} extra={t('directivesAmendDeadlineHelp', { deadline: formatDateTime(receipt.deadline, lang) })}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        {general.length > 0 && <Alert type="error" showIcon message={general.join(';')} role="alert" />}
      </Form>
    </Modal>
  );
}
