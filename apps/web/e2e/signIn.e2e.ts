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

describe('signing in', () => {
  it('refuses a wrong password in Chinese, then shows each role only its own menu', async () => {
    const { page, shot } = await newSession(browser, import.meta.filename, PHONE);
    await page.goto(server.url);
    await page.getByLabel('用户名').fill('grid-shuijingfang-1');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误');
    await shot('wrong-password');

    await signIn(page, server.url, 'grid-shuijingfang-1');
    const menu = page.getByRole('navigation', { name: '主菜单' });
    // The inbox entry carries the unread count as a badge (a reminder may already have arrived).
    const labels = (await menu.getByRole('button').allTextContents()).map((l) => l.replace(/^\d+/, ''));
    expect(labels).toEqual(['首页', '我的任务', '消息通知']);
    await shot('grid-staff-home');

    const admin = await newSession(browser, import.meta.filename, DESKTOP);
    await signIn(admin.page, server.url, 'jinjiang-admin');
    const items = await admin.page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem').allTextContents();
    expect(items).toEqual(expect.arrayContaining(['通知下发', '模板表单', '组织人员', '汇总报表']));
    const auditor = await newSession(browser, import.meta.filename, DESKTOP);
    await signIn(auditor.page, server.url, 'jinjiang-auditor');
    const auditorItems = await auditor.page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem').allTextContents();
    expect(auditorItems).toContain('审计');
    expect(auditorItems).not.toContain('模板表单');
    // A screen the role may not use says so, even when reached by its address.
    await auditor.page.goto(`${server.url}/templates`);
    await expect.poll(() => auditor.page.getByText('您的角色无权使用此页面').count()).toBe(1);
  });
});
