import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { errorMessage } from '../../app/errors';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';

type Credentials = { username: string; password: string };

/** Sign in: the server answers with an HttpOnly session cookie, then `auth.me` is fetched again. */
export function LoginPage() {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: () => queryClient.resetQueries(),
    }),
  );
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16, background: '#f5f5f5' }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('loginTitle')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('appName')}</Typography.Paragraph>
        <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(values) => login.mutate(values)} disabled={login.isPending}>
          <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('required') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('required') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {login.isError && <Alert type="error" showIcon message={errorMessage(login.error, text)} style={{ marginBottom: 16 }} role="alert" />}
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            {login.isPending ? t('signingIn') : t('signIn')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
