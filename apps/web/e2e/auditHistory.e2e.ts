import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/test/parseCsv';
import { DESKTOP, newSession, openBrowser, PHONE, signIn } from './harness/browser';
import { startCascade, type CascadeServer } from './harness/cascadeServer';

let server: CascadeServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startCascade(), openBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const DIRECTIVE = '关于在疫情防控中充分发挥全区各级党组织战斗堡垒作用和党员先锋模范作用的通知';
const RECEIPT = '收文 · 锦官驿街道';

const activeState = (page: Page) => page.getByTestId('state-diagram').getAttribute('data-active-state');

/** Saves the file the click downloads and returns its text. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('an auditor walks a history step by step and verifies it (issue 4, scenario 5)', () => {
  it('opens the demo directive, steps through a receipt on its diagram, verifies and exports it', async () => {
    const { page, shot } = await newSession(browser, import.meta.filename, DESKTOP);
    await signIn(page, server.url, 'jinjiang-auditor');

    // Home: the auditor's overview lists the directive; it verifies from there.
    const overview = page.getByTestId('auditor-overview');
    await overview.getByRole('link', { name: DIRECTIVE }).waitFor();
    await overview.getByRole('button', { name: /核\s*验/ }).first().click();
    await expect.poll(() => overview.getByTestId('verify-result').getAttribute('data-ok')).toBe('true');
    await shot('overview-verified');

    // The audit screen, through the menu: the directive, then the township's receipt.
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '审计' }).click();
    await page.getByRole('link', { name: DIRECTIVE }).click();
    await page.getByTestId('audit-directive-title').waitFor();
    await page.getByRole('link', { name: RECEIPT, exact: true }).waitFor();
    await shot('directive-instances');

    // Verify the whole directive: OK, with the counts the export must match.
    await page.getByRole('button', { name: /核验整份通知/ }).click();
    const verified = page.getByTestId('verify-result');
    await expect.poll(() => verified.getAttribute('data-ok')).toBe('true');
    const counts = /核验通过:(\d+) 个实例、(\d+) 条记录/.exec((await verified.textContent()) ?? '');
    expect(counts).not.toBeNull();
    const [instances, rows] = [Number(counts?.[1]), Number(counts?.[2])];
    expect(rows).toBeGreaterThan(instances);
    const whole = await download(page, () => page.getByRole('button', { name: /导出 CSV/ }).click());
    const wholeRows = parseCsv(whole.text);
    expect(whole.text.startsWith('\uFEFF')).toBe(true);
    expect(wholeRows.length - 1).toBe(rows);
    expect(new Set(wholeRows.slice(1).map((r) => r[0])).size).toBe(instances);

    await page.getByRole('link', { name: RECEIPT, exact: true }).click();
    await page.getByTestId('state-diagram').waitFor();
    // It opens on the last row: acknowledged, amended and forwarded by the township.
    await expect.poll(() => activeState(page)).toBe('forwarded');
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(4);
    expect(await page.getByTestId('step-counter').textContent()).toBe('第 4 / 4 步');
    expect(await page.getByTestId('history-timeline').textContent()).toContain('锦官驿街道 陈书记');
    await shot('receipt-last-step', { readme: 'auditor-history' });

    await page.getByRole('button', { name: /上一步/ }).click();
    await expect.poll(() => activeState(page)).toBe('amended');
    expect(await page.getByTestId('step-detail').textContent()).toContain('各社区每日 18:00 前完成台账核对');
    await shot('receipt-amended');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => activeState(page)).toBe('acknowledged');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => activeState(page)).toBe('received');
    expect(await page.getByTestId('step-counter').textContent()).toBe('第 1 / 4 步');
    expect(await page.locator('[data-testid="history-row"][data-selected="true"]').getAttribute('data-seq')).toBe('1');
    await shot('receipt-created');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => activeState(page)).toBe('acknowledged');
    // The highlighted arrow is the transition this row took.
    await expect.poll(() => page.locator('.react-flow__edge.animated').count()).toBe(1);

    await page.getByRole('button', { name: /核验此实例/ }).click();
    await expect.poll(() => page.getByTestId('verify-result').textContent()).toContain('核验通过:1 个实例、4 条记录');

    const csv = await download(page, () => page.getByRole('button', { name: /导出 CSV/ }).click());
    expect(csv.name).toMatch(/^cascade-instance-[0-9a-f]{8}-history\.csv$/);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const [header, ...data] = parseCsv(csv.text) as [string[], ...string[][]];
    const col = (name: string) => header.indexOf(name);
    expect(header).toEqual(expect.arrayContaining(['实例编号', '序号', '操作人', '事件', '原状态', '新状态', '事件内容(JSON)', '哈希']));
    expect(data.map((r) => [r[col('序号')], r[col('事件')], r[col('原状态')], r[col('新状态')]])).toEqual([
      ['1', 'xstate.init', '', 'received'],
      ['2', 'ACKNOWLEDGE', 'received', 'acknowledged'],
      ['3', 'AMEND', 'acknowledged', 'amended'],
      ['4', 'FORWARD', 'amended', 'forwarded'],
    ]);
    expect(data.slice(1).map((r) => r[col('操作人')])).toEqual(['锦官驿街道 陈书记', '锦官驿街道 陈书记', '锦官驿街道 陈书记']);
    expect(JSON.parse(data[2]?.[col('事件内容(JSON)')] ?? '{}')).toMatchObject({ requirements: ['锦官驿街道:各社区每日 18:00 前完成台账核对'] });
    expect(data.every((r) => /^[0-9a-f]{64}$/.test(r[col('哈希')] ?? ''))).toBe(true);
    // Every row of this receipt is in the directive's export too, hash for hash.
    const wholeHashes = new Set(wholeRows.map((r) => r[col('哈希')]));
    expect(data.every((r) => wholeHashes.has(r[col('哈希')]))).toBe(true);

    const json = await download(page, () => page.getByRole('button', { name: /导出 JSON/ }).click());
    const parsed = JSON.parse(json.text) as { rows: Array<{ seq: number; hash: string }> };
    expect(parsed.rows.map((r) => r.hash)).toEqual(data.map((r) => r[col('哈希')]));

    // Nothing on the audit screens writes: no acknowledge, forward, amend or close for an auditor.
    const buttons = await page.getByRole('button').allTextContents();
    for (const write of ['签收', '转发', '补充', '关闭', '退回', '通过']) expect(buttons.map((b) => b.replace(/\s/g, ''))).not.toContain(write);
  });

  it('works on a phone: the timeline as a list, the diagram top to bottom, steps by button', async () => {
    const { page, shot } = await newSession(browser, import.meta.filename, PHONE);
    await signIn(page, server.url, 'jinjiang-auditor');
    await page.goto(`${server.url}/audit`);
    await page.getByRole('link', { name: DIRECTIVE }).click();
    await page.getByRole('link', { name: RECEIPT, exact: true }).click();
    await page.getByTestId('state-diagram').waitFor();
    await expect.poll(() => activeState(page)).toBe('forwarded');
    await page.getByRole('button', { name: '查看第 2 步' }).click();
    await expect.poll(() => activeState(page)).toBe('acknowledged');
    // Nothing spills sideways at 375 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot('phone-receipt-step-2');
  });
});
