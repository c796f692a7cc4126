import { Col, Form, Input, Row } from 'antd';
import { useLocale } from '../../i18n/LocaleProvider';
import { useIssues } from './editorIssues';
import { namePath } from './issuePaths';

type Props = {
  /** The dotted path of the text, e.g. `stages.report.0.name`; `zh` and `en` sit under it. */
  path: string;
  /** The Form.Item name, relative to an enclosing Form.List when there is one. */
  name?: Array<string | number>;
  label: string;
  multiline?: boolean;
  required?: boolean;
};

/** A text in Chinese and English side by side (stacked on phones), each with its own issues. */
export function BilingualInputs({ path, name = namePath(path), label, multiline, required }: Props) {
  const { t } = useLocale();
  const issues = useIssues();
  const Control = multiline ? Input.TextArea : Input;
  return (
    <Row gutter={12}>
      {(['zh', 'en'] as const).map((lang) => (
        <Col xs={24} md={12} key={lang}>
          <Form.Item name={[...name, lang]} label={t('templatesInLanguage', { label, lang: lang === 'zh' ? t('templatesChinese') : t('templatesEnglish') })} required={required} {...issues.item(`${path}.${lang}`)}>
            <Control {...(multiline ? { autoSize: { minRows: 2 } } : {})} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
