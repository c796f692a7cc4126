import { Descriptions, Typography } from 'antd';
import { formatDateTime } from '../../app/formatDate';
import { useLocale } from '../../i18n/LocaleProvider';
import type { RouterOutputs } from '../../trpc';

export type ReceiptView = RouterOutputs['receipts']['get'];

function Items({ items, testId }: { items: readonly string[]; testId: string }) {
  const { t } = useLocale();
  if (items.length === 0) return <Typography.Text type="secondary">{t('directivesNothing')}</Typography.Text>;
  return (
    <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid={testId}>
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ol>
  );
}

function formList(forms: ReadonlyArray<{ key: string; version: number }>): string[] {
  return forms.map((f) => `${f.key} v${f.version}`);
}

/** What a unit was asked to do (by the directive and by the levels above) kept apart from what it
 * added itself, with its deadline beside the directive's. */
export function ReceiptRequirements({ receipt }: { receipt: ReceiptView }) {
  const { t, lang } = useLocale();
  const tightened = Date.parse(receipt.deadline) < Date.parse(receipt.directiveDeadline);
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t('directivesRequirementsFromDirective')}>
        <Items items={receipt.fromAbove.requirements} testId="requirements-directive" />
      </Descriptions.Item>
      {(receipt.fromAbove.addedRequirements.length > 0 || receipt.fromAbove.addedForms.length > 0) && (
        <Descriptions.Item label={t('directivesRequirementsFromAbove', { unit: receipt.fromAbove.unitName })}>
          <Items items={[...receipt.fromAbove.addedRequirements, ...formList(receipt.fromAbove.addedForms)]} testId="requirements-above" />
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('directivesOwnAdditions')}>
        <Items items={[...receipt.own.addedRequirements, ...formList(receipt.own.addedForms)]} testId="requirements-own" />
      </Descriptions.Item>
      <Descriptions.Item label={t('directivesReceiptDeadline')}>
        <Typography.Text strong={tightened} data-testid="receipt-deadline">
          {formatDateTime(receipt.deadline, lang)}
        </Typography.Text>
        {tightened && (
          <Typography.Text type="secondary">
            {' '}
            ({t('directivesDirectiveDeadline')} {formatDateTime(receipt.directiveDeadline, lang)})
          </Typography.Text>
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}
