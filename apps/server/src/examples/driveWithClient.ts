/**
 * Driving cascade from Node with the typed tRPC client: the district issues a directive, a
 * subdistrict passes it down to its communities, a grid worker reports, and the district reads the
 * roll-up. Quoted in the README; type-checked against the real router and run by its test.
 *
 *   npm start    # in one terminal: the demo on http://127.0.0.1:3000
 *   node --import tsx apps/server/src/examples/driveWithClient.ts http://127.0.0.1:3000
 */
import { pathToFileURL } from 'node:url';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '@cascade/api';

/** A client signed in as one user: `auth.login` returns a bearer token for every later call. */
export async function signedIn(url: string, username: string, password: string) {
  const anonymous = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc` })] });
  const { token } = await anonymous.auth.login.mutate({ username, password });
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })] });
}

export async function driveWithClient(url: string, password = 'cascade-demo-2026') {
  // 1. The district admin issues a directive under its published five-level template.
  const district = await signedIn(url, 'jinjiang-admin', password);
  const { grants } = await district.auth.me.query();
  const unitId = grants.find((g) => g.role === 'admin')!.orgUnitId;
  const template = (await district.templates.list.query({ orgUnitId: unitId })).find((t) => t.key === 'five-level-screening' && t.publishedAt)!;
  const { directiveId } = await district.directives.issue.mutate({
    templateVersionId: template.id,
    issuingUnitId: unitId,
    title: '关于进一步做好社区疫情防控工作的通知',
    body: '各街道、社区要落实网格化管理,一天一报告。',
    requirements: ['每日 20:00 前报告'],
    deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });

  // 2. A subdistrict acknowledges and forwards; then its communities do the same, down to the grids.
  const subdistrict = await signedIn(url, 'jinguanyi-admin', password);
  for (const level of ['township', 'village']) {
    const waiting = (await subdistrict.receipts.inbox.query()).filter((r) => r.directiveId === directiveId && r.unit.level === level);
    for (const receipt of waiting) {
      await subdistrict.receipts.acknowledge.mutate({ receiptId: receipt.id });
      await subdistrict.receipts.forward.mutate({ receiptId: receipt.id });
    }
  }

  // 3. A grid worker submits today's daily report (a retry with the same key is not counted twice).
  const worker = await signedIn(url, 'grid-shuijingfang-1', password);
  const task = (await worker.tasks.mine.query({ directiveId })).find((t) => t.kind === 'report')!;
  await worker.tasks.submit.mutate({
    taskId: task.id,
    idempotencyKey: `${task.id}:first`,
    data: { householdsScreened: 42, personsScreened: 97, returnees: 3, homeIsolation: 1, feverCases: 0, anomaly: false, reporterPhone: '13800138000' },
  });

  // 4. The district reads the roll-up of that day over its whole subtree.
  const rollup = await district.reports.rollup.query({ directiveId, stageId: 'daily-report', periodKey: task.periodKey, unitId });
  return { directiveId, periodKey: task.periodKey, expected: rollup.expected, received: rollup.received, missing: rollup.missing, householdsScreened: rollup.aggregates.householdsScreened };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await driveWithClient(process.argv[2] ?? 'http://127.0.0.1:3000'));
}
