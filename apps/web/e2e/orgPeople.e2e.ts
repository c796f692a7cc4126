import type { Browser } from 'playwright-core';
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

// 水井坊第3网格 (510104017001003) has no grid worker in the demo; 锦官驿街道 has passed the demo
// directive down, so the grid has today's report and door-to-door screening waiting.
const GRID = '水井坊第3网格';
/** A demo grid worker (of 水井坊第2网格) who also takes a household of the third grid. */
const MEMBER = { username: 'grid-shuijingfang-2', name: '网格员 周杰' };
const NEW_PERSON = { username: 'grid-shuijingfang-3', name: '网格员 孙丽', password: 'sunli-2026-grid' };

describe('organisation and people', () => {
  it('the township admin finds a grid by searching and puts a new person on it as grid staff, who then sees the grid’s tasks', async () => {
    const admin = await newSession(browser, import.meta.filename, DESKTOP);
    await signIn(admin.page, server.url, 'jinguanyi-admin');
    await admin.page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '组织人员' }).click();
    const tree = admin.page.getByRole('tree', { name: '组织架构' });
    await tree.getByText('锦官驿街道', { exact: true }).waitFor();

    await admin.page.getByLabel('按名称或代码查找单位').fill(GRID);
    await admin.page.getByLabel('按名称或代码查找单位').press('Enter');
    const hit = admin.page.getByTestId('org-search-hit');
    await expect.poll(() => hit.count()).toBe(1);
    expect(await hit.textContent()).toContain('510104017001003');
    await hit.getByRole('button', { name: GRID }).click();
    await expect.poll(() => admin.page.getByTestId('unit-title').textContent()).toBe(GRID);
    // The tree opened the way down to the grid.
    await tree.getByText(GRID, { exact: true }).waitFor();
    await admin.shot('grid-in-tree');

    await admin.page.getByRole('button', { name: /添加人员/ }).click();
    const dialog = admin.page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill(NEW_PERSON.username);
    await dialog.getByLabel('姓名').fill(NEW_PERSON.name);
    await dialog.getByLabel('初始密码').fill(NEW_PERSON.password);
    expect(await dialog.getByLabel('首个角色').locator('..').locator('..').textContent()).toContain('网格员');
    await admin.shot('create-person');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = admin.page.getByRole('row').filter({ hasText: NEW_PERSON.name });
    await row.waitFor();
    expect(await row.textContent()).toContain('网格员');
    expect(await row.textContent()).toContain(GRID);
    await admin.page.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await admin.shot('person-granted', { readme: 'admin-org' });

    const worker = await newSession(browser, import.meta.filename, PHONE);
    await signIn(worker.page, server.url, NEW_PERSON.username, NEW_PERSON.password);
    await worker.page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '我的任务' }).click();
    const tasks = worker.page.getByTestId('task-row');
    await expect.poll(() => tasks.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const units = new Set((await tasks.allTextContents()).map((text) => (text.includes(GRID) ? GRID : text)));
    expect([...units]).toEqual([GRID]);
    await worker.shot('new-worker-tasks');
  });

  it('the admin has a grid worker take a household (包户) for the demo directive; coverage counts it, the worker sees it at home, and it can be withdrawn', async () => {
    const admin = await newSession(browser, import.meta.filename, DESKTOP);
    await signIn(admin.page, server.url, 'jinguanyi-admin');
    await admin.page.goto(`${server.url}/org`);
    await admin.page.getByLabel('按名称或代码查找单位').waitFor();
    await admin.page.getByLabel('按名称或代码查找单位').fill('510104017001003');
    await admin.page.getByLabel('按名称或代码查找单位').press('Enter');
    await admin.page.getByTestId('org-search-hit').getByRole('button', { name: GRID }).click();
    await admin.page.getByRole('tab', { name: '动员与包联' }).click();
    const total = admin.page.getByTestId('coverage-total');
    await expect.poll(() => total.textContent()).toMatch(/^合计 0\/\d+ 户$/);
    const households = Number(/\/(\d+)/.exec((await total.textContent()) ?? '')?.[1]);
    expect(households).toBeGreaterThanOrEqual(24);

    await admin.page.getByRole('button', { name: /分配人员/ }).click();
    const dialog = admin.page.getByRole('dialog');
    await dialog.getByLabel('人员').click();
    await admin.page.keyboard.type('周杰');
    await admin.page.locator('.ant-select-item-option').filter({ hasText: MEMBER.name }).click();
    await dialog.getByLabel('分配到').focus();
    await admin.page.keyboard.type('· 户');
    await admin.page.keyboard.press('Enter');
    await admin.shot('assign-household');
    await dialog.getByRole('button', { name: /分配人员/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = admin.page.getByTestId('assignment-row').filter({ hasText: MEMBER.name });
    await expect.poll(() => row.textContent()).toContain('包联中');
    await expect.poll(() => total.textContent()).toBe(`合计 1/${households} 户`);
    await admin.shot('household-taken');

    const worker = await newSession(browser, import.meta.filename, PHONE);
    await signIn(worker.page, server.url, MEMBER.username);
    const mine = worker.page.getByTestId('my-assignment');
    await mine.waitFor();
    expect(await mine.textContent()).toContain('包联中');
    await worker.shot('worker-home-assignment');

    await row.getByRole('button', { name: '撤销分配' }).click();
    await admin.page.getByRole('tooltip').getByRole('button', { name: '撤销分配' }).click();
    await expect.poll(() => row.textContent()).toContain('已结束');
    await expect.poll(() => total.textContent()).toBe(`合计 0/${households} 户`);
  });

  it('works on a 375 px phone: the tree, then the unit with a way back', async () => {
    const { page, shot } = await newSession(browser, import.meta.filename, PHONE);
    await signIn(page, server.url, 'jinguanyi-admin');
    await page.goto(`${server.url}/org`);
    const tree = page.getByRole('tree', { name: '组织架构' });
    await tree.getByText('锦官驿街道', { exact: true }).waitFor();
    await page.getByLabel('按名称或代码查找单位').fill('水井坊社区');
    await page.getByLabel('按名称或代码查找单位').press('Enter');
    await page.getByTestId('org-search-hit').first().waitFor();
    await shot('phone-search');
    await page.getByTestId('org-search-hit').getByRole('button', { name: '水井坊社区居委会', exact: true }).click();
    await expect.poll(() => page.getByTestId('unit-title').textContent()).toBe('水井坊社区居委会');
    await page.getByRole('row').filter({ hasText: '网格员 张敏' }).waitFor();
    // Nothing wider than the phone but the tables, which scroll inside themselves.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot('phone-unit');
    await page.getByRole('button', { name: /返回组织架构/ }).click();
    await tree.getByText('锦官驿街道', { exact: true }).waitFor();
    expect(await tree.isVisible()).toBe(true);
  });
});
