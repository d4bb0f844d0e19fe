import type { Directory } from '../directory/directory';
import type { AuthenticatorApprovalMethod } from '../methods/authenticator-approval/authenticator-approval';
import type { AuthenticatorCodeMethod } from '../methods/authenticator-code/authenticator-code';
import type { RegisteredEmails } from '../methods/email-code/registered-emails';
import type { MethodRegistrations } from '../methods/method-registrations';
import type { SecurityQuestionsMethod } from '../methods/security-questions/security-questions';
import { DEMO_USERS } from './demo-users';

export interface DemoRegistrationDeps {
  directory: Directory;
  registrations: MethodRegistrations;
  questions: SecurityQuestionsMethod;
  totp: AuthenticatorCodeMethod;
  approval: AuthenticatorApprovalMethod;
  // Where the demo's extra email addresses are registered (account notices go to them too).
  emails?: RegisteredEmails;
}

/**
 * Registers the demo users' security questions, authenticator apps and approver devices. Idempotent: what is
 * registered already stays as it is.
 */
export async function seedDemoRegistrations(deps: DemoRegistrationDeps): Promise<void> {
  for (const demoUser of DEMO_USERS) {
    const user = await deps.directory.findUser(demoUser.username);
    if (!user) continue;
    if (demoUser.questions && !(await deps.registrations.find(user.id, 'questions'))) {
      await deps.questions.register(user.id, demoUser.questions);
    }
    if (demoUser.totpSecret && !(await deps.registrations.find(user.id, 'totp'))) {
      await deps.totp.register(user, demoUser.totpSecret);
    }
    if (demoUser.approver && !(await deps.registrations.find(user.id, 'approval'))) {
      await deps.approval.register(user.id, demoUser.approver.label, demoUser.approver.key);
    }
    for (const address of demoUser.otherEmails ?? []) await deps.emails?.add(user.id, address);
  }
}
