import { describe, expect, it } from 'vitest';
import { groupsThatMatter } from '../../../src-server/src/policy/reset-eligibility';

// The guard asks the directory about these groups only (AD then walks nested membership for them alone).
describe('groupsThatMatter', () => {
  it('names the admin groups, and the reset groups only when reset is for selected groups, each once', () => {
    const adminGroups = ['Admins', 'Tier0'];
    expect(groupsThatMatter({ adminGroups, resetEnabledFor: 'selected', resetGroups: ['SSPR', 'admins'] })).toEqual([
      'Admins',
      'Tier0',
      'SSPR',
    ]);
    const all = groupsThatMatter({ adminGroups, resetEnabledFor: 'all', resetGroups: ['SSPR'] });
    expect(all).toEqual(['Admins', 'Tier0']);
    expect(groupsThatMatter({ adminGroups: [], resetEnabledFor: 'none', resetGroups: ['SSPR'] })).toEqual([]);
  });
});
