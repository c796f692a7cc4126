import { Card, Col, Form, Input, Row, Select, Space, type FormInstance } from 'antd';
import { useMemo } from 'react';
import { useLocale } from '../../i18n/LocaleProvider';
import { BilingualInputs } from './BilingualInputs';
import { ChainEditor } from './ChainEditor';
import type { PublishedForm } from './checkTemplate';
import { useIssues } from './editorIssues';
import { EvaluateSection } from './EvaluateSection';
import { IssueLevelsSection } from './IssueLevelsSection';
import { MobilizeSection } from './MobilizeSection';
import { ReportStagesSection } from './ReportStagesSection';
import type { TemplateValues } from './templateValues';

type Props = {
  form: FormInstance<TemplateValues>;
  initialValues: TemplateValues;
  /** The current values, for the parts of the editor that depend on others (levels offered, sections shown). */
  values: TemplateValues;
  forms: readonly PublishedForm[];
  disabled: boolean;
  onValuesChange: (values: TemplateValues) => void;
  /** Dotted paths of inputs the user changed. */
  onTouched: (paths: string[]) => void;
};

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei', 'UTC'];
  }
}

/** The template definition as a form: basic facts, the chain, and what each stage asks of each level.
 * Every input shows the issues about it, from the browser's check or the server's refusal. */
export function TemplateEditor({ form, initialValues, values, forms, disabled, onValuesChange, onTouched }: Props) {
  const { t } = useLocale();
  const issues = useIssues();
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);
  return (
    <Form
      form={form}
      name="template"
      layout="vertical"
      initialValues={initialValues}
      disabled={disabled}
      onValuesChange={() => onValuesChange(form.getFieldsValue(true) as TemplateValues)}
      onFieldsChange={(changed) => onTouched(changed.map((f) => (Array.isArray(f.name) ? f.name.join('.') : String(f.name))))}
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small" title={t('templatesBasics')}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="key" label={t('templatesKey')} required tooltip={t('templatesKeyHint')} {...issues.item('key')}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="timeZone" label={t('templatesTimeZone')} {...issues.item('timeZone')}>
                <Select showSearch options={zones} />
              </Form.Item>
            </Col>
          </Row>
          <BilingualInputs path="name" label={t('templatesName')} required />
          <BilingualInputs path="description" label={t('templatesDescription')} multiline />
        </Card>
        <Card size="small" title={t('templatesChain')}>
          <Form.Item name="chain" label={t('templatesChainHint')} {...issues.item('chain')}>
            <ChainEditor disabled={disabled} />
          </Form.Item>
        </Card>
        <IssueLevelsSection chain={values.chain} />
        <MobilizeSection chain={values.chain} forms={forms} enabled={values.enabled.mobilize} screening={values.enabled.screening} />
        <ReportStagesSection chain={values.chain} forms={forms} reports={values.stages.report} disabled={disabled} />
        <EvaluateSection chain={values.chain} enabled={values.enabled.evaluate} />
      </Space>
    </Form>
  );
}
