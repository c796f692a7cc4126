import { Card, Col, Form, Row, Select, Switch } from 'antd';
import { STAGE_START_STATES, type Level } from '@cascade/workflow';
import { useLocale } from '../../i18n/LocaleProvider';
import { BilingualInputs } from './BilingualInputs';
import type { PublishedForm } from './checkTemplate';
import { useIssues } from './editorIssues';
import { FormRefSelect } from './FormRefSelect';
import { HoursInput } from './HoursInput';
import { levelOptions } from './levelOptions';
import { stateLabel } from './machineLabels';

const BASE = 'stages.mobilize';

/** Who is sent down where: registration (报到), units that get a person (包网格), household
 * assignment (包户到人), and the door-to-door screening task (敲门行动). */
export function MobilizeSection({ chain, forms, enabled, screening }: { chain: Level[]; forms: readonly PublishedForm[]; enabled: boolean; screening: boolean }) {
  const { t, text } = useLocale();
  const issues = useIssues();
  const receiving = levelOptions(chain.slice(1), text);
  return (
    <Card
      size="small"
      title={t('templatesMobilizeStage')}
      extra={
        <Form.Item name={['enabled', 'mobilize']} valuePropName="checked" noStyle>
          <Switch aria-label={t('templatesMobilizeEnabled')} />
        </Form.Item>
      }
    >
      {enabled && (
        <>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item name={['stages', 'mobilize', 'registrationLevel']} label={t('templatesRegistrationLevel')} {...issues.item(`${BASE}.registrationLevel`)}>
                <Select allowClear options={receiving} placeholder={t('templatesNone')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name={['stages', 'mobilize', 'assignLevels']} label={t('templatesAssignLevels')} {...issues.item(`${BASE}.assignLevels`)}>
                <Select mode="multiple" options={receiving} placeholder={t('templatesNone')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name={['stages', 'mobilize', 'householdAssignment']} label={t('templatesHouseholdAssignment')} valuePropName="checked" {...issues.item(`${BASE}.householdAssignment`)}>
                <Switch />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name={['enabled', 'screening']} label={t('templatesScreening')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {screening && (
            <>
              <BilingualInputs path={`${BASE}.screening.name`} label={t('templatesScreeningName')} required />
              <Row gutter={12}>
                <Col xs={24} md={9}>
                  <Form.Item name={['stages', 'mobilize', 'screening', 'form']} label={t('templatesReportForm')} required {...issues.item(`${BASE}.screening.form`)}>
                    <FormRefSelect forms={forms} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item name={['stages', 'mobilize', 'screening', 'level']} label={t('templatesReportLevel')} {...issues.item(`${BASE}.screening.level`)}>
                    <Select options={receiving} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item name={['stages', 'mobilize', 'screening', 'startsOn']} label={t('templatesStartsOn')} {...issues.item(`${BASE}.screening.startsOn`)}>
                    <Select options={STAGE_START_STATES.map((s) => ({ value: s, label: stateLabel(t, s) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={5}>
                  <Form.Item name={['stages', 'mobilize', 'screening', 'dueWithinHours']} label={t('templatesDueWithin')} {...issues.item(`${BASE}.screening.dueWithinHours`)}>
                    <HoursInput />
                  </Form.Item>
                </Col>
              </Row>
            </>
          )}
        </>
      )}
    </Card>
  );
}
