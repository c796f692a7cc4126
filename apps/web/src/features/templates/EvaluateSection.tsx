import { Card, Col, Form, Row, Select, Switch } from 'antd';
import { EVALUATION_OUTCOMES, type Level } from '@cascade/workflow';
import type { MessageKey } from '../../i18n/messages';
import { useLocale } from '../../i18n/LocaleProvider';
import { useIssues } from './editorIssues';
import { levelOptions } from './levelOptions';

const BASE = 'stages.evaluate';
const OUTCOME: Record<(typeof EVALUATION_OUTCOMES)[number], MessageKey> = {
  commend: 'templatesOutcomeCommend',
  satisfactory: 'templatesOutcomeSatisfactory',
  criticise: 'templatesOutcomeCriticise',
  accountable: 'templatesOutcomeAccountable',
};

/** Which levels the level above evaluates, with which outcomes, and which outcomes need evidence. */
export function EvaluateSection({ chain, enabled }: { chain: Level[]; enabled: boolean }) {
  const { t, text } = useLocale();
  const issues = useIssues();
  const outcomes = EVALUATION_OUTCOMES.map((o) => ({ value: o, label: t(OUTCOME[o]) }));
  return (
    <Card
      size="small"
      title={t('templatesEvaluateStage')}
      extra={
        <Form.Item name={['enabled', 'evaluate']} valuePropName="checked" noStyle>
          <Switch aria-label={t('templatesEvaluateEnabled')} />
        </Form.Item>
      }
    >
      {enabled && (
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name={['stages', 'evaluate', 'levels']} label={t('templatesEvaluateLevels')} required {...issues.item(`${BASE}.levels`)}>
              <Select mode="multiple" options={levelOptions(chain.slice(1), text)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item name={['stages', 'evaluate', 'persons']} label={t('templatesEvaluatePersons')} valuePropName="checked" {...issues.item(`${BASE}.persons`)}>
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name={['stages', 'evaluate', 'outcomes']} label={t('templatesOutcomes')} {...issues.item(`${BASE}.outcomes`)}>
              <Select mode="multiple" options={outcomes} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name={['stages', 'evaluate', 'evidenceRequiredFor']} label={t('templatesEvidenceRequired')} {...issues.item(`${BASE}.evidenceRequiredFor`)}>
              <Select mode="multiple" options={outcomes} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </Card>
  );
}
