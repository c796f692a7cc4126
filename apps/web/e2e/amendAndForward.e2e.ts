import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const DAY = 86_400_000;
const DEMO_TITLE = /充分发挥全区各级党组织战斗堡垒作用/;
const DONGHU = '510104018';

/** A date as the picker types it (YYYY-MM-DD HH:mm) in the browser's own time zone. */
async function pickerText(page: Page, at: number): Promise<string> {
  return page.evaluate((ms) => {
    const d = new Date(ms);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
  }, at);
}

function treeNode(page: Page, unitName: string) {
  return page.locator(`[data-testid="cascade-node"][data-unit="${unitName}"]`);
}

describe('scenario 2: the township admin amends and forwards; the county watches it live', () => {
  it('acknowledges, is refused a later deadline at the field, tightens it, adds a requirement, forwards — and the county’s tree follows without a reload', async () => {
    // The county opens the demo directive's cascade and keeps watching it.
    const county = await newSession(browser, import.meta.filename, DESKTOP);
    await signIn(county.page, server.url, 'jinjiang-admin');
    // The home screen tells the admin what waits: the demo directive is among the latest.
    await county.page.getByTestId('overview-latest').getByRole('link', { name: DEMO_TITLE }).waitFor();
    await county.shot('admin-home');
    await county.page.getByRole('menuitem', { name: '通知下发' }).click();
    // The home screen links the same title (to /received) and React may keep it on screen for a
    // moment after the URL changes: choose from the list only once the home screen is gone.
    await county.page.waitForURL(/\/directives$/);
    await county.page.getByTestId('overview-latest').waitFor({ state: 'detached' });
    await county.page.getByRole('link', { name: DEMO_TITLE }).first().click();
    await county.page.waitForURL(/\/directives\/[0-9a-f-]{36}$/);
    await treeNode(county.page, '东湖街道').waitFor();
    expect(await treeNode(county.page, '东湖街道').getAttribute('data-state')).toBe('received');
    // 锦官驿街道 passed it down when the demo was seeded.
    expect(await treeNode(county.page, '锦官驿街道').getAttribute('data-state')).toBe('forwarded');
    await expect.poll(() => county.page.getByTestId('live-status').getAttribute('data-live'), { timeout: 30_000 }).toBe('on');
    const villagesBefore = Number(await county.page.locator('[data-testid="level-count"][data-level="village"] .ant-card-extra').textContent());
    // Marks this document: a reload would lose it. Also notes whether a fan-out progress bar ever
    // shows (a forward to a few communities is over in a moment; the bar lingers only briefly).
    await county.page.evaluate(() => {
      const seen: string[] = [];
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll('[data-testid="fanout-progress"]')) seen.push(`${bar.getAttribute('data-level')}:${bar.getAttribute('data-done') ?? ''}`);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
      Object.assign(window, { cascadeNotReloaded: true, fanOutSeen: seen });
    });

    // The township admin finds it among received directives.
    const township = await newSession(browser, import.meta.filename, DESKTOP);
    await signIn(township.page, server.url, 'donghu-admin');
    await township.page.getByRole('menuitem', { name: '收文办理' }).click();
    const card = township.page.locator(`[data-testid="received-receipt"][data-unit="${DONGHU}"]`);
    await card.waitFor();
    expect(await card.getByTestId('requirements-directive').textContent()).toContain('全覆盖排查到位');
    await township.shot('received');
    // Before acknowledging there is nothing else to do.
    expect(await card.getByRole('button', { name: /转\s*发/ }).count()).toBe(0);
    await card.getByRole('button', { name: /签\s*收/ }).click();
    await expect.poll(() => card.getAttribute('data-state')).toBe('acknowledged');
    await expect.poll(() => treeNode(county.page, '东湖街道').getAttribute('data-state'), { timeout: 30_000 }).toBe('acknowledged');

    // Amend: a later deadline is refused by the server, at the deadline field, and nothing changes.
    await card.getByRole('button', { name: /补充要求/ }).click();
    const dialog = township.page.getByRole('dialog');
    await dialog.getByLabel('要求 1', { exact: true }).fill('东湖街道:辖区卡口24小时测温验码,每日18时前报送台账');
    const deadline = dialog.getByLabel('收紧截止时间');
    await deadline.click();
    await deadline.fill(await pickerText(township.page, Date.now() + 10 * DAY));
    await deadline.press('Enter');
    await dialog.getByRole('button', { name: /提交补充/ }).click();
    const deadlineItem = dialog.locator('.ant-form-item').filter({ has: township.page.getByLabel('收紧截止时间') });
    await expect.poll(() => deadlineItem.locator('.ant-form-item-explain-error').textContent(), { timeout: 30_000 }).toContain('截止时间只能提前');
    await township.shot('deadline-refused');
    expect(await card.getAttribute('data-state')).toBe('acknowledged');

    // Tightened by four days, it is accepted.
    await deadline.click();
    await deadline.fill(await pickerText(township.page, Date.now() + 3 * DAY));
    await deadline.press('Enter');
    await dialog.getByRole('button', { name: /提交补充/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => card.getAttribute('data-state')).toBe('amended');
    expect(await card.getByTestId('requirements-own').textContent()).toContain('辖区卡口24小时测温验码');
    await township.shot('amended');

    // Forward, confirmed.
    await card.getByRole('button', { name: /转\s*发/ }).click();
    await township.page.locator('.ant-popconfirm').getByRole('button', { name: /转\s*发/ }).click();
    await card.waitFor({ state: 'detached' });

    // The county's tree shows the township forwarded, and its communities' count, without reloading.
    await expect.poll(() => treeNode(county.page, '东湖街道').getAttribute('data-state'), { timeout: 30_000 }).toBe('forwarded');
    await expect
      .poll(async () => Number(await county.page.locator('[data-testid="level-count"][data-level="village"] .ant-card-extra').textContent()), { timeout: 30_000 })
      .toBeGreaterThan(villagesBefore);
    expect(await county.page.evaluate(() => (window as unknown as { cascadeNotReloaded?: boolean }).cascadeNotReloaded)).toBe(true);
    // The forward's fan-out to 东湖街道's communities was reported as it ran, and as done.
    expect(await county.page.evaluate(() => (window as unknown as { fanOutSeen: string[] }).fanOutSeen)).toContain('village:true');
    // Expanding 东湖街道 shows its communities, each with the township's requirement and the tighter deadline.
    await treeNode(county.page, '东湖街道').locator('xpath=ancestor::*[contains(@class,"ant-tree-treenode")][1]').locator('.ant-tree-switcher').click();
    const communities = county.page.locator('[data-testid="cascade-node"][data-code^="510104018"]:not([data-code="510104018"])');
    await expect.poll(() => communities.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await communities.first().click();
    const panel = county.page.getByTestId('receipt-panel');
    await expect.poll(() => panel.getByTestId('requirements-above').textContent(), { timeout: 30_000 }).toContain('辖区卡口24小时测温验码');
    await county.shot('cascade-live', { readme: 'admin-cascade' });

    // On a phone the township sees its communities' receipts waiting, one card each.
    const phone = await newSession(browser, import.meta.filename, PHONE);
    await signIn(phone.page, server.url, 'donghu-admin');
    await phone.page.goto(`${server.url}/received`);
    await phone.page.getByTestId('received-receipt').first().waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await phone.shot('received-phone');
  });
});
