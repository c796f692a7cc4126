import { Form, Tag, Typography } from 'antd';
import { isFieldVisible, type FormDefinition } from '@cascade/forms';
import { useLocale } from '../i18n/LocaleProvider';
import type { Answers, IssuesByField } from './formAnswers';
import { FieldInput } from './FieldInput';

type Props = {
  form: FormDefinition;
  values: Answers;
  onChange: (key: string, value: unknown) => void;
  /** Issues to show under the inputs (already filtered to what the user should see). */
  issues: IssuesByField;
  /** Fields whose answer differs from the previous period's. */
  changed?: readonly string[];
  disabled?: boolean;
};

/** Renders a form definition: only visible fields, each with its messages in the current language. */
export function FormRenderer({ form, values, onChange, issues, changed = [], disabled }: Props) {
  const { t, text } = useLocale();
  return (
    <Form layout="vertical" component="div" disabled={disabled}>
      {form.fields
        .filter((field) => isFieldVisible(form, field, values))
        .map((field) => {
          const fieldIssues = issues[field.key] ?? [];
          const id = `field-${field.key}`;
          return (
            <Form.Item
              key={field.key}
              htmlFor={id}
              data-testid={`field-${field.key}`}
              required={field.required}
              validateStatus={fieldIssues.length ? 'error' : undefined}
              help={fieldIssues.length ? fieldIssues.map((i) => text(i.message)).join(';') : field.help ? text(field.help) : undefined}
              label={
                <span>
                  {text(field.label)}
                  {changed.includes(field.key) && (
                    <Tag color="gold" style={{ marginInlineStart: 8 }} data-testid={`changed-${field.key}`}>
                      {t('changed')}
                    </Tag>
                  )}
                </span>
              }
            >
              <FieldInput id={id} field={field} value={values[field.key]} invalid={fieldIssues.length > 0} onChange={(v) => onChange(field.key, v)} disabled={disabled} />
            </Form.Item>
          );
        })}
      {form.description && <Typography.Paragraph type="secondary">{text(form.description)}</Typography.Paragraph>}
    </Form>
  );
}
