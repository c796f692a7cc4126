import { Alert, Button, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { FormDefinition } from '@cascade/forms';
import { FormRenderer } from '../../components/FormRenderer';
import { validateAnswers, type Answers, type IssuesByField } from '../../components/formAnswers';
import { useLocale } from '../../i18n/LocaleProvider';

/** The form as a grid worker will see it, filled in for a try: the same renderer and the same
 * validator as on the task screen, so the preview's messages are the ones the server sends. */
export function FormPreview({ form, stale }: { form: FormDefinition; stale: boolean }) {
  const { t, text } = useLocale();
  const [answers, setAnswers] = useState<Answers>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [checkAll, setCheckAll] = useState(false);
  const { result, issues } = useMemo(() => validateAnswers(form, answers), [form, answers]);
  const shown: IssuesByField = Object.fromEntries(Object.entries(issues).filter(([key]) => checkAll || touched.has(key)));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="form-preview">
      {stale && <Alert type="warning" showIcon message={t('templatesPreviewStale')} />}
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {text(form.title)}
      </Typography.Title>
      <FormRenderer
        form={form}
        values={answers}
        issues={shown}
        onChange={(key, value) => {
          setAnswers((prev) => ({ ...prev, [key]: value }));
          setTouched((prev) => new Set([...prev, key]));
        }}
      />
      <Space wrap>
        <Button onClick={() => setCheckAll(true)}>{t('templatesPreviewCheck')}</Button>
        <Button
          onClick={() => {
            setAnswers({});
            setTouched(new Set());
            setCheckAll(false);
          }}
        >
          {t('templatesPreviewReset')}
        </Button>
        {checkAll && (
          <Typography.Text type={result.ok ? 'success' : 'danger'} role="status">
            {result.ok ? t('templatesPreviewValid') : t('templatesPreviewInvalid', { n: Object.keys(issues).length })}
          </Typography.Text>
        )}
      </Space>
    </Space>
  );
}
