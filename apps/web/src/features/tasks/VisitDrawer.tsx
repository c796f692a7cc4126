import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Grid } from 'antd';
import { useMemo, useState } from 'react';
import type { FormDefinition } from '@cascade/forms';
import { errorMessage, serverIssues } from '../../app/errors';
import { issuesByField, validateAnswers, type Answers } from '../../components/formAnswers';
import { FormRenderer } from '../../components/FormRenderer';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import type { Household } from './householdChecklist';

type Props = { taskId: string; form: FormDefinition; household: Household | null; onClose: () => void; onSaved: (household: Household) => void };

/** The screening form for one household, from the bottom of a phone or the side of a desk screen;
 * the same validator as the server, and the server's field issues at their fields. */
export function VisitDrawer({ taskId, form, household, onClose, onSaved }: Props) {
  const { t } = useLocale();
  const phone = !Grid.useBreakpoint().md;
  return (
    <Drawer
      open={household !== null}
      onClose={onClose}
      title={household ? t('tasksVisitTitle', { household: household.name }) : ''}
      placement={phone ? 'bottom' : 'right'}
      height="85%"
      width={480}
      destroyOnHidden
    >
      {household && <VisitForm key={household.id} taskId={taskId} form={form} household={household} onSaved={onSaved} />}
    </Drawer>
  );
}

function VisitForm({ taskId, form, household, onSaved }: { taskId: string; form: FormDefinition; household: Household; onSaved: (household: Household) => void }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Answers>(() => (household.data && typeof household.data === 'object' ? { ...(household.data as Answers) } : {}));
  const [attempted, setAttempted] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const visit = useMutation(
    trpc.tasks.visit.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.tasks.get.queryKey({ id: taskId }) });
        onSaved(household);
      },
    }),
  );
  const { result, issues } = useMemo(() => validateAnswers(form, values), [form, values]);
  const fromServer = issuesByField(serverIssues(visit.error));
  const shown = { ...fromServer, ...Object.fromEntries(Object.entries(issues).filter(([key]) => attempted || touched.has(key))) };
  const save = () => {
    setAttempted(true);
    if (result.ok) visit.mutate({ taskId, householdId: household.id, data: result.value });
  };
  return (
    <>
      {visit.isError && <Alert type="error" showIcon message={errorMessage(visit.error, text)} style={{ marginBottom: 12 }} />}
      <FormRenderer
        form={form}
        values={values}
        issues={shown}
        disabled={visit.isPending}
        onChange={(key, value) => {
          setValues((v) => {
            const next = { ...v };
            if (value === undefined) delete next[key];
            else next[key] = value;
            return next;
          });
          setTouched((s) => new Set(s).add(key));
        }}
      />
      {attempted && !result.ok && <Alert type="error" showIcon message={t('fixErrors')} style={{ marginBottom: 12 }} />}
      <Button type="primary" block size="large" loading={visit.isPending} onClick={save}>
        {t('tasksVisitSave')}
      </Button>
    </>
  );
}
