import { Card, Col, Form, Row, Switch, Typography } from 'antd';
import { LEVEL_NAMES, type Level } from '@cascade/workflow';
import { useLocale } from '../../i18n/LocaleProvider';
import { useIssues } from './editorIssues';
import { HoursInput } from './HoursInput';

/** What each receiving level does with the directive: amend it, pass it on by itself, and within
 * how many hours it must acknowledge and forward. */
export function IssueLevelsSection({ chain }: { chain: Level[] }) {
  const { t, text } = useLocale();
  const issues = useIssues();
  const receiving = chain.slice(1);
  const last = chain[chain.length - 1];
  return (
    <Card size="small" title={t('templatesIssueStage')}>
      {receiving.length === 0 && <Typography.Text type="secondary">{t('templatesNoReceivingLevels')}</Typography.Text>}
      {receiving.map((level) => {
        const base = `stages.issue.levels.${level}`;
        const name = ['stages', 'issue', 'levels', level];
        return (
          <div key={level} data-testid={`issue-level-${level}`} style={{ borderBottom: '1px solid #f0f0f0', marginBottom: 8 }}>
            <Typography.Text strong>{text(LEVEL_NAMES[level])}</Typography.Text>
            <Row gutter={12}>
              <Col xs={12} md={6}>
                <Form.Item name={[...name, 'canAmend']} label={t('templatesCanAmend')} valuePropName="checked" {...issues.item(`${base}.canAmend`)}>
                  <Switch />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={[...name, 'autoForward']} label={t('templatesAutoForward')} valuePropName="checked" {...issues.item(`${base}.autoForward`)} tooltip={level === last ? t('templatesLastLevelHint') : undefined}>
                  <Switch />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={[...name, 'acknowledgeWithinHours']} label={t('templatesAcknowledgeWithin')} {...issues.item(`${base}.acknowledgeWithinHours`)}>
                  <HoursInput />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={[...name, 'forwardWithinHours']} label={t('templatesForwardWithin')} {...issues.item(`${base}.forwardWithinHours`)}>
                  <HoursInput />
                </Form.Item>
              </Col>
            </Row>
          </div>
        );
      })}
    </Card>
  );
}
