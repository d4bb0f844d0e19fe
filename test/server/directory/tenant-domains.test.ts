import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import en from '../../../src-renderer/src/i18n/languages/en.json';
import nl from '../../../src-renderer/src/i18n/languages/nl.json';
import { createTestServer, startFlow } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

// Issue 9 item 14: a down-level name `DOMAIN\user` reaches the account only for the tenant's own domains (the demo:
// contoso.example, NetBIOS name CONTOSO), just as a UPN suffix only matches the account's own address. Any other
// prefix names nobody and gets a decoy, like `adele@example.test` does.

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer({ demo: true });
});

afterAll(async () => {
  await server.close();
});

/** Whom the flow that `typed` started is about: adele's account id, or null for a decoy. */
async function subjectOf(typed: string): Promise<string | null> {
  const started = await startFlow(server.app, typed);
  expect(started.status, typed).toBe(201);
  const flow = await server.runtime.store.db
    .selectFrom('flows')
    .select(['user_id', 'decoy'])
    // The test clock stands still: insertion order tells the newest flow.
    .orderBy(sql`rowid`, 'desc')
    .executeTakeFirstOrThrow();
  return flow.decoy === 1 ? null : flow.user_id;
}

describe('down-level domain prefixes (issue 9 item 14)', () => {
  it('reach the account only for the tenant\'s own domain names', async () => {
    const adele = (await server.runtime.directory.findUser('adele'))?.id;
    expect(adele).toBeDefined();
    for (const typed of ['adele', 'CONTOSO\\adele', 'contoso.example\\adele', 'adele@contoso.example']) {
      expect(await subjectOf(typed), typed).toBe(adele);
    }
    for (const typed of ['FOO\\adele', '*\\adele', 'EXAMPLE\\adele', '\\adele', 'contoso.evil\\adele', 'adele@example.test']) {
      expect(await subjectOf(typed), typed).toBeNull();
    }
  });
});

describe('the User ID example (issue 9 item 16)', () => {
  it('comes from the tenant\'s configured domain, never a made-up one', async () => {
    const config = await server.app.inject({ method: 'GET', url: ROUTES.getPublicConfig });
    // The wizard shows "Example: someone@contoso.example": the tenant's own domain, not user@contoso.com.
    expect(config.json()).toMatchObject({ userIdDomain: 'contoso.example' });
    const plain = await createTestServer({ demo: false });
    try {
      const none = await plain.app.inject({ method: 'GET', url: ROUTES.getPublicConfig });
      expect(none.json()).not.toHaveProperty('userIdDomain');
    } finally {
      await plain.close();
    }
  });

  it('is worded in English and Dutch around the domain', () => {
    expect(en.username.hint.replace('{domain}', 'contoso.example')).toBe('Example: someone@contoso.example');
    expect(nl.username.hint.replace('{domain}', 'contoso.example')).toBe('Voorbeeld: iemand@contoso.example');
    expect(`${en.username.hintNoDomain} ${nl.username.hintNoDomain}`).not.toContain('contoso.com');
  });
});
