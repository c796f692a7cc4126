import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RESULTS = fileURLToPath(new URL('../../e2e-results/', import.meta.url));
const README_SHOTS = fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url));

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1440, height: 900 };

/** Debian's Chromium, headless; never a downloaded browser. The flags keep it off the network it
 * cannot reach here. */
export function openBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

/** Every open page, so a failed test can leave a picture of each (see failureShots.ts). */
export const openPages = new Set<Page>();

export type Session = { context: BrowserContext; page: Page; shot: (name: string, options?: { readme?: string }) => Promise<string> };

/** A fresh browser context (its own cookies) with one page at the given size; `shot` saves
 * numbered screenshots under e2e-results/<test file>/ and, with UPDATE_SCREENSHOTS=1, the ones
 * named for the README under docs/screenshots/. */
export async function newSession(browser: Browser, testFile: string, viewport = DESKTOP, lang: 'zh' | 'en' = 'zh'): Promise<Session> {
  const context = await browser.newContext({ viewport, locale: lang === 'zh' ? 'zh-CN' : 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  openPages.add(page);
  page.once('close', () => openPages.delete(page));
  const dir = join(RESULTS, basename(testFile).replace(/\.e2e\.ts$/, ''));
  mkdirSync(dir, { recursive: true });
  let n = 0;
  const shot = async (name: string, options: { readme?: string } = {}) => {
    const file = join(dir, `${String(++n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    if (options.readme && process.env.UPDATE_SCREENSHOTS === '1') {
      const target = join(README_SHOTS, `${options.readme}.png`);
      mkdirSync(dirname(target), { recursive: true });
      await page.screenshot({ path: target, fullPage: false });
    }
    return file;
  };
  return { context, page, shot };
}

/** Signs in through the login page as a demo user and waits for the shell. */
export async function signIn(page: Page, url: string, username: string, password = 'cascade-demo-2026'): Promise<void> {
  await page.goto(url);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.getByRole('button', { name: /退出登录|Sign out/ }).waitFor();
}
