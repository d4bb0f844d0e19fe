import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const SCREENSHOT_DIR = path.resolve('test-results/screens');

/**
 * What every screen must pass before a test moves on: a PNG for people to look at, and an axe-core scan (WCAG 2.1 A
 * and AA rules) with no violations.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Let fonts and the focus move settle so the picture shows what a person sees.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const violations = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(violations, `axe violations on screen "${name}"`).toEqual([]);
}

/** checkScreen of the current screen in English and in Dutch (by the wizard's language switch); ends in English. */
export async function checkBothLanguages(page: Page, name: string): Promise<void> {
  await checkScreen(page, name);
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');
  await checkScreen(page, `${name}-nl`);
  await page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
}
