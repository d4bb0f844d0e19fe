import { describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import { useDemoBrowser } from './support/browser-session';

// /docs in Chromium, under the CSP the server sends: the Swagger UI loads from this origin only, renders every
// operation of the document, and the browser reports no CSP violation and no script error.
const session = useDemoBrowser();

describe('the API viewer at /docs', () => {
  it('renders the OpenAPI document under the CSP, without a violation', async () => {
    const context = await session.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
    // Seen before any of the page's scripts run, so a refused script or style is caught too.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    const response = await page.goto(`${session.url}${ROUTES.docs}`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    const operations = page.locator('.opblock');
    await expect.poll(() => operations.count(), { timeout: 20_000 }).toBeGreaterThan(15);
    expect(await page.locator('.opblock-tag', { hasText: 'demo' }).count()).toBe(1);
    // Expanding an operation renders its schemas (the part of the UI that builds models from the document).
    await page.locator('.opblock-summary', { hasText: ROUTES.verifyCode }).first().click();
    await expect.poll(() => page.locator('.opblock-body').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
