import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Select, Space, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { STAGE_START_STATES, type Level } from '@cascade/workflow';
import { useLocale } from '../../i18n/LocaleProvider';
import { BilingualInputs } from './BilingualInputs';
import type { PublishedForm } from './checkTemplate';
import { useIssues } from './editorIssues';
import { FormRefSelect } from './FormRefSelect';
import { HoursInput } from './HoursInput';
import { levelOptions } from './levelOptions';
import { stateLabel } from './machineLabels';
import type { ReportValues } from './templateValues';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** `HH:MM` in the form's values, a dayjs in the picker. */
const timeProps = (v: unknown) => ({ value: typeof v === 'string' && HHMM.test(v) ? dayjs(`2000-01-01T${v}`) : null });
const timeValue = (d: Dayjs | null) => (d ? d.format('HH:mm') : undefined);

/** The periodic reports: which form, which level fills it, how often, due when, and what happens
 * when it is late. */
export function ReportStagesSection({ chain, forms, reports, disabled }: { chain: Level[]; forms: readonly PublishedForm[]; reports: readonly ReportValues[]; disabled: boolean }) {
  const { t, text } = useLocale();
  const issues = useIssues();
  const receiving = chain.slice(1);
  const sectionIssues = issues.at('stages.report');
  return (
    <Card size="small" title={t('templatesReportStage')}>
      {sectionIssues.length > 0 && (
        <Typography.Paragraph type="danger" role="alert">
          {sectionIssues.map((i) => text(i.message)).join(';')}
        </Typography.Paragraph>
      )}
      <Form.List name={['stages', 'report']}>
        {(fields, { add, remove, move }) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {fields.length === 0 && <Typography.Text type="secondary">{t('templatesNoReports')}</Typography.Text>}
            {fields.map((field, i) => {
              const base = `stages.report.${field.name}`;
              const title = reports[i]?.name ? text({ zh: reports[i]?.name?.zh ?? '', en: reports[i]?.name?.en ?? '' }) : '';
              return (
                <Card
                  key={field.key}
                  size="small"
                  type="inner"
                  data-testid={`report-${i}`}
                  title={t('templatesReportN', { n: i + 1, name: title })}
                  extra={
                    !disabled && (
                      <Space>
                        <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={t('templatesMoveReportUp', { n: i + 1 })} onClick={() => move(i, i - 1)} />
                        <Button size="small" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} aria-label={t('templatesMoveReportDown', { n: i + 1 })} onClick={() => move(i, i + 1)} />
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('templatesRemoveReport', { n: i + 1 })} onClick={() => remove(field.name)} />
                      </Space>
                    )
                  }
                >
                  <Row gutter={12}>
                    <Col xs={24} md={8}>
                      <Form.Item name={[field.name, 'id']} label={t('templatesReportId')} required {...issues.item(`${base}.id`)}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={16}>
                      <Form.Item name={[field.name, 'form']} label={t('templatesReportForm')} required {...issues.item(`${base}.form`)}>
                        <FormRefSelect forms={forms} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <BilingualInputs path={`${base}.name`} name={[field.name, 'name']} label={t('templatesReportName')} required />
                  <Row gutter={12}>
                    <Col xs={12} md={6}>
                      <Form.Item name={[field.name, 'level']} label={t('templatesReportLevel')} required {...issues.item(`${base}.level`)}>
                        <Select options={levelOptions(receiving, text)} placeholder={t('templatesPickLevel')} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[field.name, 'period']} label={t('templatesPeriod')} required {...issues.item(`${base}.period`)}>
                        <Select
                          options={[
                            { value: 'daily', label: t('templatesPeriodDaily') },
                            { value: 'weekly', label: t('templatesPeriodWeekly') },
                            { value: 'once', label: t('templatesPeriodOnce') },
                          ]}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[field.name, 'dueTime']} label={t('templatesDueTime')} required getValueProps={timeProps} normalize={timeValue} {...issues.item(`${base}.dueTime`)}>
                        <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[field.name, 'startsOn']} label={t('templatesStartsOn')} {...issues.item(`${base}.startsOn`)}>
                        <Select options={STAGE_START_STATES.map((s) => ({ value: s, label: stateLabel(t, s) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={8}>
                      <Form.Item name={[field.name, 'remindBeforeHours']} label={t('templatesRemindBefore')} {...issues.item(`${base}.remindBeforeHours`)}>
                        <HoursInput />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={8}>
                      <Form.Item name={[field.name, 'escalateAfterHours']} label={t('templatesEscalateAfter')} {...issues.item(`${base}.escalateAfterHours`)}>
                        <HoursInput />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={[field.name, 'accountableAfterMissed']} label={t('templatesAccountableAfter')} {...issues.item(`${base}.accountableAfterMissed`)}>
                        <HoursInput unit="times" />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              );
            })}
            {!disabled && (
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ id: `report-${fields.length + 1}`, name: { zh: '', en: '' }, level: receiving[receiving.length - 1], period: 'daily', dueTime: '20:00', startsOn: 'received' } satisfies ReportValues)}
              >
                {t('templatesAddReport')}
              </Button>
            )}
          </Space>
        )}
      </Form.List>
    </Card>
  );
}
