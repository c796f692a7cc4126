import { Alert, Button, Flex, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { FieldIssue, FormDefinition } from '@cascade/forms';
import { formatDateTime } from '../../app/formatDate';
import { useLocale } from '../../i18n/LocaleProvider';
import { changedKeys, initialAnswers, issuesByField, validateAnswers, type Answers } from '../../components/formAnswers';
import { FormRenderer } from '../../components/FormRenderer';
import { draftOf, sameAnswers, startingAnswers } from './draftAnswers';

/** Saving and discarding the server-side draft; without it the form has no draft buttons. */
export type DraftControls = {
  saved: { data: Answers; savedAt: string | Date } | null;
  /** Resolves when the server has kept the draft (rejects when it refused it). */
  save: (data: Answers) => Promise<{ savedAt: string | Date }>;
  /** Resolves when the server has thrown the draft away. */
  discard: () => Promise<unknown>;
  saving: boolean;
  discarding: boolean;
};

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
  draft?: DraftControls;
};

/** A task's form: opened on the saved draft or pre-filled, validated as the worker types (messages
 * appear once a field is touched, all of them after a submit attempt), changed-from-previous marked;
 * the answers in progress can be saved as a draft on the server. */
export function TaskForm({ form, current, previous, canSubmit, submitLabel, submitting, serverIssues, onSubmit, draft }: Props) {
  const { t, lang } = useLocale();
  const base = useMemo(() => initialAnswers(form, current, previous), [form, current, previous]);
  const [start] = useState(() => startingAnswers(form, { draft: draft?.saved?.data ?? null, current: current ?? null, previous: previous ?? null }));
  const [values, setValues] = useState<Answers>(start.values);
  // The answers as last kept on the server (or as opened), to tell the worker what is not saved yet.
  const [kept, setKept] = useState<{ values: Answers; savedAt: string | Date | null }>({ values: start.values, savedAt: null });
  const [restored, setRestored] = useState(start.source === 'draft');
  // A restored draft shows its problems at once: the worker left those answers to finish later.
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set(start.source === 'draft' ? Object.keys(start.values) : []));
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

  const saveDraft = async () => {
    if (!draft) return;
    const snapshot = values;
    try {
      const { savedAt } = await draft.save(draftOf(base, snapshot));
      setKept({ values: snapshot, savedAt });
    } catch {
      // The page shows the server's refusal; the answers stay as typed and count as unsaved.
    }
  };
  // Back to the answers beneath the draft, once the server no longer has it.
  const discardDraft = async () => {
    if (!draft) return;
    try {
      await draft.discard();
    } catch {
      return;
    }
    setValues(base);
    setKept({ values: base, savedAt: null });
    setTouched(new Set());
    setAttempted(false);
    setRestored(false);
  };
  const unsaved = draft !== undefined && !sameAnswers(values, kept.values);

  return (
    <>
      {restored && draft?.saved ? (
        <Alert
          type="info"
          showIcon
          data-testid="draft-restored"
          message={t('tasksDraftRestored', { time: formatDateTime(String(draft.saved?.savedAt), lang) })}
          description={
            // Below the hint rather than beside it, so the text keeps its width on a phone.
            <Space direction="vertical" size={8}>
              <span>{t('tasksDraftRestoredHint')}</span>
              {canSubmit && (
                <Button size="small" danger loading={draft.discarding} onClick={() => void discardDraft()}>
                  {t('tasksDiscardDraft')}
                </Button>
              )}
            </Space>
          }
          style={{ marginBottom: 16 }}
        />
      ) : (
        previous && !current && <Alert type="info" showIcon message={t('prefilled')} style={{ marginBottom: 16 }} />
      )}
      <FormRenderer form={form} values={values} onChange={onChange} issues={shown} changed={changed} disabled={!canSubmit || submitting} />
      {canSubmit && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {attempted && !result.ok && <Alert type="error" showIcon message={t('fixErrors')} />}
          {draft && (
            <Flex align="center" justify="space-between" gap={8} wrap>
              <span role="status" aria-live="polite">
                {unsaved ? (
                  <Tag color="orange">{t('tasksUnsavedChanges')}</Tag>
                ) : (
                  kept.savedAt && <Typography.Text type="success">{t('tasksDraftSaved', { time: formatDateTime(String(kept.savedAt), lang) })}</Typography.Text>
                )}
              </span>
              <Button loading={draft.saving} disabled={submitting} onClick={() => void saveDraft()}>
                {t('tasksSaveDraft')}
              </Button>
            </Flex>
          )}
          <Button type="primary" block size="large" loading={submitting} onClick={submit}>
            {submitting ? t('submitting') : submitLabel}
          </Button>
        </Space>
      )}
    </>
  );
}
