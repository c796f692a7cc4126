import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, newSession, openBrowser, PHONE, signIn, type Session } from './harness/browser';
import { startCascade, type CascadeServer } from './harness/cascadeServer';

let server: CascadeServer;
let browser: Browser;
let worker: Session;
let admin: Session;
let reportUrl: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startCascade(), openBrowser()]);
  worker = await newSession(browser, import.meta.filename, PHONE);
  admin = await newSession(browser, import.meta.filename, DESKTOP);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens the task of this kind ("报告" or "排查") from "My tasks" under the given filter. */
async function openTask(page: Page, kind: '报告' | '排查', filter: string): Promise<void> {
  await page.goto(`${server.url}/tasks?filter=${filter}`);
  const row = page.getByTestId('task-row').filter({ hasText: kind }).first();
  await row.waitFor({ timeout: 60_000 }).catch(async (error: unknown) => {
    await page.screenshot({ path: `e2e-results/gridReport/failed-open-${kind}.png`, fullPage: true });
    throw error;
  });
  await row.getByRole('link').click();
  await page.getByRole('button', { name: /返\s*回/ }).waitFor();
}

/** Polls until the value matches; a busy two-core machine needs more than vitest's default second. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000, interval: 250 });

const statusTag = (page: Page) => page.locator('.ant-descriptions-item').filter({ hasText: '状态' }).locator('.ant-tag');

describe('a grid worker on a phone reports daily; the community returns and accepts (issue 4, scenario 3)', () => {
  it('fills the daily report, sees an inline error for a bad phone number, saves a draft, finds it after a reload and submits', async () => {
    const { page, shot } = worker;
    await signIn(page, server.url, 'grid-shuijingfang-1');
    await eventually(() => page.getByTestId('worker-overview').isVisible()).toBe(true);
    await shot('grid-staff-home-overview');
    await page.getByRole('button', { name: /进入我的任务/ }).click();
    await eventually(() => page.getByTestId('task-row').count()).toBeGreaterThanOrEqual(2);
    // To do: today's report and the screening, both for this grid.
    expect(await page.getByTestId('filter-todo').textContent()).toMatch(/待办\s*2/);
    await shot('my-tasks', { readme: 'grid-staff-tasks' });

    await openTask(page, '报告', 'todo');
    reportUrl = page.url();
    await page.getByLabel('今日排查户数').fill('36');
    await page.getByLabel('排查人数').fill('97');
    await page.getByLabel('外地返回人员').fill('3');
    await page.getByLabel('居家隔离人数').fill('1');
    await page.getByLabel('发热人员').fill('0');
    await page.getByTestId('field-anomaly').getByText('否', { exact: true }).click();
    await page.getByLabel('填报人电话').fill('12345');
    await page.getByLabel('填报人电话').blur();
    const phoneField = page.getByTestId('field-reporterPhone');
    await eventually(() => phoneField.textContent()).toContain('"填报人电话" 不是有效的手机或座机号码');
    await shot('inline-phone-error');

    await page.getByRole('button', { name: /保存草稿/ }).click();
    await eventually(() => page.getByText(/草稿已保存/).count()).toBe(1);
    await page.reload();
    await page.getByTestId('draft-restored').waitFor();
    expect(await page.getByLabel('今日排查户数').inputValue()).toBe('36');
    expect(await page.getByLabel('填报人电话').inputValue()).toBe('12345');
    // The draft's unfinished answer shows its problem straight away.
    expect(await phoneField.textContent()).toContain('不是有效的手机或座机号码');
    await shot('draft-restored', { readme: 'grid-staff-report' });

    await page.getByLabel('填报人电话').fill('13800138000');
    await page.getByRole('button', { name: /^提\s*交$/ }).click();
    await eventually(() => statusTag(page).textContent()).toBe('已提交');
    expect(await page.getByTestId('draft-restored').count()).toBe(0);
    await shot('submitted');
  });

  it('the community admin reads the answers and returns the report with a comment', async () => {
    const { page, shot } = admin;
    await signIn(page, server.url, 'shuijingfang-admin');
    await page.goto(`${server.url}/tasks`);
    // An admin who does not report opens "My tasks" on what awaits review.
    const row = page.getByTestId('task-row').filter({ hasText: '水井坊第1网格' }).filter({ hasText: '报告' });
    await eventually(() => row.count()).toBe(1);
    await row.getByRole('link').click();
    await page.getByTestId('review-actions').waitFor();
    expect(await page.getByLabel('今日排查户数').inputValue()).toBe('36');
    await page.getByTestId('review-actions').getByRole('button', { name: /退\s*回/ }).click();
    const dialog = page.getByRole('dialog');
    // The dialog opens with an animation: act once its comment box is there.
    await dialog.getByLabel('退回意见').waitFor();
    await dialog.getByRole('button', { name: /退\s*回/ }).click();
    await eventually(() => dialog.getByText('请填写退回意见').count()).toBe(1);
    await dialog.getByLabel('退回意见').fill('排查人数与网格台账不符,请核实后重报');
    await shot('return-with-comment');
    await dialog.getByRole('button', { name: /退\s*回/ }).click();
    await eventually(() => statusTag(page).textContent()).toBe('被退回');
    expect(await page.getByTestId('review-actions').count()).toBe(0);
  });

  it('the worker sees the comment and resubmits; the admin accepts', async () => {
    await worker.page.goto(reportUrl);
    const comment = worker.page.getByTestId('returned-comment');
    await comment.waitFor();
    expect(await comment.textContent()).toContain('排查人数与网格台账不符');
    expect(await worker.page.getByLabel('排查人数').inputValue()).toBe('97');
    await worker.shot('returned-with-comment');
    await worker.page.getByLabel('排查人数').fill('102');
    await worker.page.getByRole('button', { name: /重新提交/ }).click();
    await eventually(() => statusTag(worker.page).textContent()).toBe('已提交');

    await admin.page.reload();
    await admin.page.getByTestId('review-actions').waitFor();
    expect(await admin.page.getByLabel('排查人数').inputValue()).toBe('102');
    await admin.page.getByRole('button', { name: /审核通过/ }).click();
    await admin.page.getByRole('button', { name: /确\s*定/ }).click();
    await eventually(() => statusTag(admin.page).textContent()).toBe('已通过');
    await admin.shot('accepted');

    await worker.page.reload();
    await eventually(() => statusTag(worker.page).textContent()).toBe('已通过');
  });

  it('door-to-door screening: marking households visited moves the coverage; completing early is refused with the count', async () => {
    const { page, shot } = worker;
    await openTask(page, '排查', 'todo');
    const count = page.getByTestId('coverage-count');
    const before = /已走访 (\d+)\/(\d+) 户/.exec((await count.textContent()) ?? '');
    expect(before?.[1]).toBe('0');
    const total = Number(before?.[2]);
    expect(total).toBeGreaterThanOrEqual(24);

    for (const [n, answer] of [
      [1, '是'],
      [2, '否'],
    ] as const) {
      await page.getByRole('button', { name: /^登记走访 / }).first().click();
      const drawer = page.getByRole('dialog');
      await drawer.getByTestId('field-visited').getByText(answer, { exact: true }).click();
      if (answer === '是') await drawer.getByLabel('常住人数').fill('3');
      else await drawer.getByLabel('备注').fill('无人应门,已留联系卡');
      await drawer.getByRole('button', { name: /保存走访/ }).click();
      await eventually(() => count.textContent()).toBe(`已走访 ${n}/${total} 户`);
    }
    await page.getByText(/^全部 \d+$/).first().click();
    await eventually(() => page.getByText('是否入户:是 · 常住人数:3').count()).toBe(1);
    await shot('screening-checklist');

    await page.getByRole('button', { name: /完成排查/ }).click();
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await eventually(() => page.getByTestId('complete-refused').textContent()).toContain(`尚有 ${total - 2} 户未登记走访`);
    await shot('screening-complete-refused');
  });
});
