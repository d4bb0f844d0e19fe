import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomBannedTerms, CustomTermError } from '../../../src-server/src/password/banned/custom-banned-terms';
import { openStore } from '../../../src-server/src/store/store';
import type { Store } from '../../../src-server/src/store/store';
import { DEFAULT_TENANT_ID, ensureTenant } from '../../../src-server/src/store/tenants';
import { ManualClock, makeTempDir } from '../support/server-fixtures';

// The organisation's custom banned list holds at most 1,000 terms (as Entra's does): an add that would pass the cap is
// refused whole, and terms already on the list do not count twice.

let temp: ReturnType<typeof makeTempDir>;
let store: Store;

beforeEach(async () => {
  temp = makeTempDir();
  store = await openStore(temp.dir);
  await ensureTenant(store.db, new ManualClock(), DEFAULT_TENANT_ID, 'Contoso');
});

afterEach(async () => {
  await store.close();
  temp.remove();
});

const term = (i: number) => `term${String(i).padStart(4, '0')}`;

describe('custom banned terms: the 1,000-term cap', () => {
  it('takes 1,000 terms, refuses the 1,001st whole, and lets a known term be added again', async () => {
    const terms = new CustomBannedTerms(store.db, DEFAULT_TENANT_ID, new ManualClock());
    expect(await terms.add(Array.from({ length: 1000 }, (_, i) => term(i)), 'test')).toHaveLength(1000);
    await expect(terms.add(['oneover', term(1)], 'test')).rejects.toThrow(CustomTermError);
    expect(await terms.list()).toHaveLength(1000);
    expect(await terms.list()).not.toContain('oneover');
    // Already there: nothing new, so nothing over the cap.
    expect(await terms.add([term(5), ` ${term(6).toUpperCase()} `], 'test')).toEqual([]);
    expect(await terms.remove(term(0))).toBe(true);
    expect(await terms.add(['oneover'], 'test')).toEqual(['oneover']);
  });
});
