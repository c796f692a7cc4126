import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, newSession, openBrowser, PHONE, signIn } from './harness/browser';
import { startCascade, type CascadeServer } from './harness/cascadeServer';
import { demoApi } from './harness/demoApi';

let server: CascadeServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startCascade(), openBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** What three grid workers of 锦官驿街道 report today: known numbers for the totals to equal. */
const REPORTS: Record<string, { householdsScreened: number; personsScreened: number; returnees: number }> = {
  'grid-shuijingfang-1': { householdsScreened: 36, personsScreened: 97, returnees: 3 },
  'grid-shuijingfang-2': { householdsScreened: 41, personsScreened: 120, returnees: 0 },
  'grid-chongdeli-1': { householdsScreened: 28, personsScreened: 75, returnees: 2 },
};
const sum = (key: keyof (typeof REPORTS)[string]) => Object.values(REPORTS).reduce((s, r) => s + r[key], 0);

function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const childStanding = (page: Page, name: string) => page.getByTestId('rollup-child').filter({ hasText: name }).first().getAttribute('data-standing');
const count = async (page: Page, label: string) => Number((await page.getByTestId('rollup-counts').locator('.ant-statistic').filter({ hasText: label }).locator('.ant-statistic-content-value').textContent())?.trim());

describe('the county admin rolls up the daily report and exports it (issue 4, scenario 4)', () => {
  let late = 0;
  let periodKey = '';

  it('grid workers report known numbers through the API', async () => {
    for (const [username, figures] of Object.entries(REPORTS)) {
      const api = await demoApi(server.url, username);
      const task = (await api.tasks.mine.query()).find((t) => t.kind === 'report' && t.stageId === 'daily-report');
      expect(task, `${username} has today's report`).toBeDefined();
      periodKey = task!.periodKey;
      await api.tasks.submit.mutate({
        taskId: task!.id,
        data: { ...figures, homeIsolation: 0, feverCases: 0, anomaly: false, reporterPhone: '13800138000' },
        idempotencyKey: `rollup-e2e-${username}`,
      });
      // After 20:00 China time the report is overdue when it arrives: the roll-up counts it late.
      const [submission] = (await api.tasks.get.query({ id: task!.id })).submissions;
      if (new Date(submission!.submittedAt as unknown as string).getTime() > new Date(task!.dueAt as unknown as string).getTime()) late += 1;
    }
  });

  it('opens the roll-up, drills down to the township, sees late and missing units, and exports totals equal to the reports', async () => {
    const { page, shot } = await newSession(browser, import.meta.filename, DESKTOP);
    await signIn(page, server.url, 'jinjiang-admin');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '汇总报表' }).click();
    // The newest period is shown first; should midnight in China have passed since the reports, ask for theirs.
    await page.getByTestId('rollup-child').first().waitFor();
    if (!(await page.locator('#reports-period').locator('xpath=ancestor::div[contains(@class,"ant-select")][1]').textContent())?.includes(periodKey)) await page.goto(`${server.url}/reports?period=${periodKey}`);

    // The district: only 锦官驿街道 has passed the directive down, so it is the only township with reports.
    await page.getByTestId('rollup-child').first().waitFor();
    expect(await count(page, '已报')).toBe(3);
    expect(await count(page, '迟报')).toBe(late);
    expect(await childStanding(page, '锦官驿街道')).toBe('missing');
    expect(await page.getByTestId('aggregate-householdsScreened').getByTestId('aggregate-value').textContent()).toBe(String(sum('householdsScreened')));
    await page.getByTestId('trend-chart').waitFor();
    await shot('district-rollup');

    await page.getByRole('button', { name: '下钻到锦官驿街道' }).click();
    await expect.poll(() => page.getByRole('navigation', { name: '层级导航' }).textContent()).toContain('锦官驿街道');
    await page.getByTestId('rollup-child').filter({ hasText: '水井坊社区' }).waitFor();
    const expected = await count(page, '应报');
    expect(expected).toBeGreaterThan(3);
    expect(await count(page, '未报')).toBe(expected - 3);
    // 水井坊 sent two of its three grids' reports and 崇德里 one: both are missing the rest and tinted.
    expect(await childStanding(page, '水井坊社区')).toBe('missing');
    expect(await childStanding(page, '崇德里社区')).toBe('missing');
    const tint = await page.getByTestId('rollup-child').filter({ hasText: '水井坊社区' }).locator('td').first().evaluate((td) => getComputedStyle(td).backgroundColor);
    expect(tint).toBe('rgb(255, 241, 240)');
    expect(await page.getByTestId('missing-unit').count()).toBe(expected - 3);
    // The README shows the top of the screen: choices, breadcrumb, counts and totals.
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('township-rollup', { readme: 'admin-rollup' });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^锦官驿街道_每日疫情防控报告_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(await download.path()) as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '下级单位', '未报单位']);

    const summary = new Map(rowsOf(book.getWorksheet('汇总')!).map((r) => [r[0], r]));
    expect(summary.get('应报')?.[2]).toBe(expected);
    expect(summary.get('已报')?.[2]).toBe(3);
    expect(summary.get('迟报')?.[2]).toBe(late);
    expect(summary.get('未报')?.[2]).toBe(expected - 3);
    expect(summary.get('今日排查户数')).toEqual(['今日排查户数', '合计', sum('householdsScreened')]);
    expect(summary.get('排查人数')?.[2]).toBe(sum('personsScreened'));
    expect(summary.get('外地返回人员')?.[2]).toBe(sum('returnees'));

    const children = rowsOf(book.getWorksheet('下级单位')!);
    const header = children[0]!;
    const column = header.indexOf('今日排查户数(合计)');
    const total = children.at(-1)!;
    expect(total[1]).toBe('合计(本级汇总)');
    expect(total[column]).toBe(sum('householdsScreened'));
    expect(children.slice(1, -1).reduce((s, r) => s + Number(r[column] ?? 0), 0)).toBe(sum('householdsScreened'));
    const shuijingfang = children.find((r) => String(r[1]).startsWith('水井坊社区'))!;
    expect(shuijingfang[column]).toBe(REPORTS['grid-shuijingfang-1']!.householdsScreened + REPORTS['grid-shuijingfang-2']!.householdsScreened);
    expect(rowsOf(book.getWorksheet('未报单位')!).length - 1).toBe(expected - 3);

    // Back up through the breadcrumb.
    await page.getByRole('navigation', { name: '层级导航' }).getByRole('link', { name: '锦江区' }).click();
    await expect.poll(() => page.getByRole('button', { name: '下钻到锦官驿街道' }).count()).toBe(1);
  });

  it('fits a phone', async () => {
    const { page, shot } = await newSession(browser, import.meta.filename, PHONE);
    await signIn(page, server.url, 'jinguanyi-admin');
    await page.goto(`${server.url}/reports`);
    await page.getByTestId('rollup-child').first().waitFor();
    // A township admin starts at their own township.
    expect(await page.getByRole('navigation', { name: '层级导航' }).textContent()).toBe('锦官驿街道');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('phone-township-rollup');
  });
});
