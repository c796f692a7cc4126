import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, List, Popconfirm, Progress, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { FormDefinition } from '@cascade/forms';
import { errorMessage } from '../../app/errors';
import { formatDateTime } from '../../app/formatDate';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { coverageOf, filterHouseholds, HOUSEHOLD_FILTERS, isVisited, visitSummary, type Household, type HouseholdFilter } from './householdChecklist';
import type { TaskActions } from './taskAccess';
import { VisitDrawer } from './VisitDrawer';

type Props = { taskId: string; form: FormDefinition; households: readonly Household[]; actions: TaskActions };

/** 敲门行动: every household of the grid with what was recorded there, coverage as a bar and a count,
 * the ones still to visit one tap away; completing is the server's call ("不漏一户"). */
export function ScreeningChecklist({ taskId, form, households, actions }: Props) {
  const { t, text, lang } = useLocale();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<HouseholdFilter>(actions.visit ? 'unvisited' : 'all');
  const [open, setOpen] = useState<Household | null>(null);
  const coverage = coverageOf(households);
  const shown = filterHouseholds(households, filter);
  const complete = useMutation(
    trpc.tasks.completeScreening.mutationOptions({
      onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.tasks.get.queryKey({ id: taskId }) }), queryClient.invalidateQueries({ queryKey: trpc.tasks.mine.queryKey() })]),
    }),
  );
  const counts: Record<HouseholdFilter, number> = { all: coverage.total, visited: coverage.visited, unvisited: coverage.total - coverage.visited };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('tasksCoverage')}>
        <Progress percent={coverage.percent} status={coverage.visited === coverage.total && coverage.total > 0 ? 'success' : 'active'} aria-label={t('tasksCoverage')} />
        <Typography.Text strong data-testid="coverage-count">
          {t('tasksCoverageCount', { visited: coverage.visited, total: coverage.total })}
        </Typography.Text>
      </Card>
      <div style={{ overflowX: 'auto' }}>
        <Segmented<HouseholdFilter>
          value={filter}
          onChange={setFilter}
          options={HOUSEHOLD_FILTERS.map((f) => ({ value: f, label: `${t(`tasksHouseholdFilter_${f}` as const)} ${counts[f]}` }))}
        />
      </div>
      <List
        bordered
        locale={{ emptyText: t('tasksHouseholdsNone') }}
        dataSource={shown}
        renderItem={(household) => (
          <List.Item
            key={household.id}
            data-testid="household-row"
            actions={
              actions.visit
                ? [
                    <Button key="visit" type={isVisited(household) ? 'link' : 'primary'} size="small" onClick={() => setOpen(household)} aria-label={`${isVisited(household) ? t('tasksEditVisit') : t('tasksRecordVisit')} ${household.name}`}>
                      {isVisited(household) ? t('tasksEditVisit') : t('tasksRecordVisit')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space size={6} wrap>
                  <Typography.Text strong>{household.name}</Typography.Text>
                  {isVisited(household) ? (
                    <Tag icon={<CheckCircleFilled />} color="success">
                      {t('tasksHouseholdVisited')}
                    </Tag>
                  ) : (
                    <Tag icon={<ClockCircleOutlined />}>{t('tasksHouseholdUnvisited')}</Tag>
                  )}
                </Space>
              }
              description={
                isVisited(household) ? (
                  <>
                    <div>{visitSummary(form, household.data, { text, yes: t('yes'), no: t('no') })}</div>
                    <Typography.Text type="secondary">{formatDateTime(String(household.visitedAt), lang)}</Typography.Text>
                  </>
                ) : (
                  <Typography.Text type="secondary">{household.code}</Typography.Text>
                )
              }
            />
          </List.Item>
        )}
      />
      {complete.isError && <Alert type="error" showIcon message={errorMessage(complete.error, text)} data-testid="complete-refused" />}
      {actions.complete && (
        <Popconfirm title={t('tasksCompleteConfirm')} okText={t('tasksConfirm')} cancelText={t('tasksCancel')} onConfirm={() => complete.mutate({ taskId })}>
          <Button type="primary" block size="large" loading={complete.isPending}>
            {t('tasksCompleteScreening')}
          </Button>
        </Popconfirm>
      )}
      <VisitDrawer
        taskId={taskId}
        form={form}
        household={open}
        onClose={() => setOpen(null)}
        onSaved={(h) => {
          setOpen(null);
          void message.success(t('tasksVisitSaved', { household: h.name }));
        }}
      />
    </Space>
  );
}
