import { Alert, Button, Space } from 'antd';
import { useMemo, useState } from 'react';
import type { FieldIssue, FormDefinition } from '@cascade/forms';
import { useLocale } from '../../i18n/LocaleProvider';
import { changedKeys, initialAnswers, issuesByField, validateAnswers, type Answers } from '../../components/formAnswers';
import { FormRenderer } from '../../components/FormRenderer';

type Props = {
  form: FormDefinition;
  current?: Answers;
  previous?: Answers | null;
  canSubmit: boolean;
  submitLabel: string;
  submitting: boolean;
  /** Issues the server returned for the last attempt (paths `data.<key>`). */
  serverIssues: readonly FieldIssue[];
  onSubmit: (data: Answers) => void;
};

/** A task's form: pre-filled, validated as the worker types (messages appear once a field is
 * touched, all of them after a submit attempt), changed-from-previous marked. */
export function TaskForm({ form, current, previous, canSubmit, submitLabel, submitting, serverIssues, onSubmit }: Props) {
  const { t } = useLocale();
  const [values, setValues] = useState<Answers>(() => initialAnswers(form, current, previous));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverSeen, setServerSeen] = useState<readonly FieldIssue[]>(serverIssues);
  const { result, issues: local } = useMemo(() => validateAnswers(form, values), [form, values]);
  // A server refusal shows until the worker edits that field.
  const [editedSinceServer, setEditedSinceServer] = useState<ReadonlySet<string>>(new Set());
  if (serverSeen !== serverIssues) {
    setServerSeen(serverIssues);
    setEditedSinceServer(new Set());
  }
  const shown = useMemo(() => {
    const out = Object.fromEntries(Object.entries(local).filter(([key]) => attempted || touched.has(key)));
    for (const [key, list] of Object.entries(issuesByField(serverIssues))) {
      if (!editedSinceServer.has(key) && !out[key]) out[key] = list;
    }
    return out;
  }, [local, attempted, touched, serverIssues, editedSinceServer]);
  const changed = changedKeys(form, previous, values);

  const onChange = (key: string, value: unknown) => {
    setValues((v) => {
      const next = { ...v };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });
    setTouched((s) => new Set(s).add(key));
    setEditedSinceServer((s) => new Set(s).add(key));
  };

  const submit = () => {
    setAttempted(true);
    if (result.ok) onSubmit(result.value);
  };

  return (
    <>
      {previous && !current && <Alert type="info" showIcon message={t('prefilled')} style={{ marginBottom: 16 }} />}
      <FormRenderer form={form} values={values} onChange={onChange} issues={shown} changed={changed} disabled={!canSubmit || submitting} />
      {canSubmit && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {attempted && !result.ok && <Alert type="error" showIcon message={t('fixErrors')} />}
          <Button type="primary" block size="large" loading={submitting} onClick={submit}>
            {submitting ? t('submitting') : submitLabel}
          </Button>
        </Space>
      )}
    </>
  );
}
