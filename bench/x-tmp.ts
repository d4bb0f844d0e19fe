import { runDirectoryBench } from './support/directory-bench';
await runDirectoryBench({ users: 300, kinds: ['ldap'] });
