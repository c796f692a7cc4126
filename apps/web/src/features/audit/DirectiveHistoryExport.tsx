import { useTRPCClient } from '../../trpc';
import { ExportButtons } from './ExportButtons';
import { loadDirectiveHistory } from './loadDirectiveHistory';

const PAGE = 1000;

/** Exports every history row of a directive the reader may see, fetched a page at a time. */
export function DirectiveHistoryExport({ directiveId, title }: { directiveId: string; title: string }) {
  const client = useTRPCClient();
  return (
    <ExportButtons
      scope="directive"
      id={directiveId}
      title={title}
      load={(progress) => loadDirectiveHistory((after) => client.audit.directiveHistory.query({ directiveId, after, limit: PAGE }), progress)}
    />
  );
}
