import type { MethodKind } from '@resetdesk/shared';
import type { Directory, DirectoryUser } from '../directory/directory';
import { DEMO_USERS } from './demo-users';
import type { DemoUser } from './demo-users';

/**
 * A method that registers its part of a demo user (security questions, an authenticator app, an approver device):
 * each reads only its own fields of the DemoUser. Methods with nothing to register (the directory's email and
 * phone) have no seedDemo.
 */
export interface DemoSeeding {
  readonly kind: MethodKind;
  seedDemo?(user: DirectoryUser, demoUser: DemoUser): Promise<void>;
}

/** Registers what the demo users have registered, method by method. Idempotent: what is registered stays. */
export async function seedDemoRegistrations(directory: Directory, methods: readonly DemoSeeding[]): Promise<void> {
  for (const demoUser of DEMO_USERS) {
    const user = await directory.findUser(demoUser.username);
    if (!user) continue;
    for (const method of methods) await method.seedDemo?.(user, demoUser);
  }
}
