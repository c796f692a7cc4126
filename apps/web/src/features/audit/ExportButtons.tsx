import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/errors';
import { useLocale } from '../../i18n/LocaleProvider';
import { downloadText, exportFileName, historyCsv, historyJson, type ExportRow } from './historyExport';

export type LoadRows = (progress: (rows: number) => void) => Promise<ExportRow[]>;

/** CSV (for Excel, with a BOM) and JSON exports of a history; `load` fetches what to export, page by
 * page for a whole directive, telling how far it got. */
export function ExportButtons({ scope, id, title, load }: { scope: 'instance' | 'directive'; id: string; title?: string; load: LoadRows }) {
  const { t, text } = useLocale();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'csv' | 'json' | null>(null);
  const run = async (format: 'csv' | 'json') => {
    setBusy(format);
    const key = `export-${scope}-${id}`;
    try {
      const rows = await load((n) => void message.loading({ key, content: t('auditExporting', { rows: n }), duration: 0 }));
      const content = format === 'csv' ? historyCsv(rows, t) : historyJson({ [scope === 'instance' ? 'instanceId' : 'directiveId']: id, ...(title ? { title } : {}) }, rows, new Date());
      downloadText(exportFileName(scope, id, format), content, format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json;charset=utf-8');
      void message.success({ key, content: t('auditExported', { rows: rows.length }) });
    } catch (error) {
      void message.error({ key, content: `${t('auditExportFailed')}:${errorMessage(error, text)}` });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space wrap aria-label={t('auditExport')}>
      <Button icon={<DownloadOutlined />} loading={busy === 'csv'} disabled={busy !== null} onClick={() => void run('csv')}>
        {t('auditExportCsv')}
      </Button>
      <Button icon={<DownloadOutlined />} loading={busy === 'json'} disabled={busy !== null} onClick={() => void run('json')}>
        {t('auditExportJson')}
      </Button>
    </Space>
  );
}
