import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, newSession, openBrowser, PHONE, signIn } from './harness/browser';
import { startCascade, type CascadeServer } from './harness/cascadeServer';

let server: CascadeServer;
let browser: Browser;
let caseUrl = '';

beforeAll(async () => {
  [server, browser] = await Promise.all([startCascade(), openBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const caseState = (page: Page) => page.getByTestId('case-state').getAttribute('data-state');

/** Opens the step's dialog, lets `fill` type into it, submits, and waits for the case to move. */
async function step(page: Page, action: string | RegExp, next: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.getByRole('button', { name: action }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: /提\s*交/ }).click();
  await expect.poll(() => caseState(page)).toBe(next);
}

describe('the district evaluates a township with evidence and holds it accountable', () => {
  it('records “accountable” on 锦官驿街道 resting on its grids’ tasks, and runs the case to closed', async () => {
    const { page, shot } = await newSession(browser, import.meta.filename, DESKTOP);
    await signIn(page, server.url, 'jinjiang-admin');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '考评问责' }).click();

    await page.getByRole('combobox', { name: '考评对象' }).click();
    await page.locator('.ant-select-item-option[title="锦官驿街道"]').click();
    // The township's grids have today's report and screening: open work first, each tickable.
    const rows = page.getByTestId('evidence-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(2);
    expect(await rows.first().getAttribute('data-state')).toMatch(/^(open|overdue|inProgress)$/);
    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    await expect.poll(() => page.getByText('已选 2 项依据').count()).toBe(1);

    await page.locator('label.ant-radio-button-wrapper').filter({ hasText: '问责追责' }).click();
    await page.getByLabel('考评意见').fill('辖区网格每日报告大面积未报,"一天一报告"落实不到位');
    await shot('evaluate-with-evidence');
    await page.getByRole('button', { name: '记录考评' }).click();
    const opened = page.getByTestId('case-opened');
    await opened.waitFor();
    await expect.poll(() => page.getByTestId('evaluation-row').filter({ hasText: '锦官驿街道' }).getAttribute('data-outcome')).toBe('accountable');

    await opened.getByRole('button', { name: '办理案件' }).click();
    await expect.poll(() => caseState(page)).toBe('opened');
    caseUrl = page.url();
    // Only the step the state allows is offered.
    for (const later of ['作出决定', '责令整改', /^结\s*案$/]) expect(await page.getByRole('button', { name: later }).count()).toBe(0);
    await page.getByRole('button', { name: '启动调查' }).click();
    await page.getByRole('button', { name: /确\s*认/ }).click();
    await expect.poll(() => caseState(page)).toBe('investigating');

    await step(page, '作出决定', 'decided', async (dialog) => {
      await dialog.getByText('给予问责处理').click();
      await dialog.getByLabel('调查结论').fill('街道对社区报告督导不力,负有领导责任');
    });
    await step(page, '责令整改', 'rectifying', async (dialog) => {
      await dialog.getByLabel('整改要求 1', { exact: true }).fill('三日内补齐全部网格台账');
      await dialog.getByRole('button', { name: '添加整改要求' }).click();
      await dialog.getByLabel('整改要求 2', { exact: true }).fill('建立每日 18:00 报告提醒机制');
      const due = new Date(Date.now() + 3 * 86_400_000);
      const typed = `${due.getFullYear()}-${String(due.getMonth() + 1).padStart(2, '0')}-${String(due.getDate()).padStart(2, '0')} 18:00:00`;
      await dialog.getByLabel('整改期限').click();
      await dialog.getByLabel('整改期限').fill(typed);
      await dialog.getByLabel('整改期限').press('Enter');
    });
    await step(page, /^结\s*案$/, 'closed', async (dialog) => {
      await dialog.getByLabel('结案意见').fill('整改到位,台账已补齐');
    });

    const history = page.getByTestId('case-history-item');
    await expect.poll(() => history.count()).toBe(5);
    expect(await Promise.all((await history.all()).map((h) => h.getAttribute('data-to')))).toEqual(['opened', 'investigating', 'decided', 'rectifying', 'closed']);
    expect(await history.nth(3).textContent()).toContain('三日内补齐全部网格台账');
    expect(await page.getByText('此案件当前没有可办理的步骤').count()).toBe(1);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('case-closed', { readme: 'admin-accountability' });
  });

  it('shows the township concerned and the auditor the case, with no step to take', async () => {
    for (const username of ['jinguanyi-admin', 'jinjiang-auditor']) {
      const { page, shot } = await newSession(browser, import.meta.filename, PHONE);
      await signIn(page, server.url, username);
      await page.goto(caseUrl);
      await expect.poll(() => caseState(page)).toBe('closed');
      expect(await page.getByRole('button', { name: /启动调查|作出决定|责令整改|^结\s*案$/ }).count()).toBe(0);
      await shot(`case-read-by-${username}`);
    }
  });
});
