import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Modal, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage, serverIssues } from '../../app/errors';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';

/** Return (with a comment, required) or accept a submitted report: shown only to the levels above
 * the task's unit; the server checks the same rule. */
export function ReviewActions({ taskId }: { taskId: string }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [commentTouched, setCommentTouched] = useState(false);
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.tasks.get.queryKey({ id: taskId }) }), queryClient.invalidateQueries({ queryKey: trpc.tasks.mine.queryKey() })]);
  const returnTask = useMutation(
    trpc.tasks.return.mutationOptions({
      onSuccess: async () => {
        setReturning(false);
        await refresh();
      },
    }),
  );
  const accept = useMutation(trpc.tasks.accept.mutationOptions({ onSuccess: refresh }));
  const error = returnTask.error ?? accept.error;
  const commentIssue = serverIssues(returnTask.error).find((i) => i.path === 'comment');
  const commentMissing = commentTouched && comment.trim() === '';
  const sendReturn = () => {
    setCommentTouched(true);
    if (comment.trim() === '') return;
    returnTask.mutate({ taskId, comment: comment.trim() });
  };

  return (
    <Card size="small" title={t('tasksReviewTitle')} data-testid="review-actions">
      <Typography.Paragraph type="secondary">{t('tasksReviewHint')}</Typography.Paragraph>
      {error && !returning && <Alert type="error" showIcon message={errorMessage(error, text)} style={{ marginBottom: 12 }} />}
      <Flex gap={8} wrap>
        <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} disabled={accept.isPending}>
          {t('tasksReturn')}
        </Button>
        <Popconfirm title={t('tasksAcceptConfirm')} okText={t('tasksConfirm')} cancelText={t('tasksCancel')} onConfirm={() => accept.mutate({ taskId })}>
          <Button type="primary" icon={<CheckOutlined />} loading={accept.isPending}>
            {t('tasksAccept')}
          </Button>
        </Popconfirm>
      </Flex>
      <Modal
        open={returning}
        title={t('tasksReturnTitle')}
        okText={t('tasksReturn')}
        cancelText={t('tasksCancel')}
        okButtonProps={{ danger: true, loading: returnTask.isPending }}
        onOk={sendReturn}
        onCancel={() => setReturning(false)}
        destroyOnHidden
      >
        {returnTask.error && !commentIssue && <Alert type="error" showIcon message={errorMessage(returnTask.error, text)} style={{ marginBottom: 12 }} />}
        <Form layout="vertical" component="div">
          <Form.Item
            label={t('tasksReturnComment')}
            htmlFor="return-comment"
            required
            validateStatus={commentMissing || commentIssue ? 'error' : undefined}
            help={commentMissing ? t('tasksReturnCommentRequired') : commentIssue ? text(commentIssue.message) : undefined}
          >
            <Input.TextArea
              id="return-comment"
              autoSize={{ minRows: 3 }}
              maxLength={2000}
              showCount
              placeholder={t('tasksReturnCommentPlaceholder')}
              value={comment}
              onChange={(e) => {
                setComment(e.target.value);
                setCommentTouched(true);
              }}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
