import { DemoOutboxSchema, DemoSignInResponseSchema, ROUTES } from '@resetdesk/shared';
import { rememberSecret } from './log-sweep';

/** The demo-only endpoints a test uses to play the user's mailbox and to try a sign-in against the directory. */
export async function latestCodeFor(serverUrl: string, email: string): Promise<string> {
  const response = await fetch(`${serverUrl}${ROUTES.demoOutbox}`);
  const outbox = DemoOutboxSchema.parse(await response.json());
  const message = outbox.messages.find((m) => m.to === email && /\b\d{6}\b/u.test(m.body));
  const code = message?.body.match(/\b(\d{6})\b/u)?.[1];
  if (!code) throw new Error(`no verification code in the dev outbox for ${email}`);
  rememberSecret(code, 'code');
  return code;
}

export async function outboxFor(serverUrl: string, email: string) {
  const response = await fetch(`${serverUrl}${ROUTES.demoOutbox}`);
  return DemoOutboxSchema.parse(await response.json()).messages.filter((m) => m.to === email);
}

export async function signIn(serverUrl: string, username: string, password: string): Promise<boolean> {
  rememberSecret(password, 'password');
  const response = await fetch(`${serverUrl}${ROUTES.demoSignIn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`demo sign-in answered ${response.status}`);
  return DemoSignInResponseSchema.parse(await response.json()).signedIn;
}
