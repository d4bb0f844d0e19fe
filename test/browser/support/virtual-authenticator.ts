import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/** Chromium's virtual authenticator (DevTools protocol WebAuthn domain) on one page: a real ctap2 authenticator. */
export interface VirtualAuthenticator {
  cdp: CDPSession;
  id: string;
  credentials(): Promise<{ credentialId: string; signCount: number; isResidentCredential: boolean }[]>;
  setUserVerified(verified: boolean): Promise<void>;
  remove(): Promise<void>;
}

export async function addVirtualAuthenticator(context: BrowserContext, page: Page): Promise<VirtualAuthenticator> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    cdp,
    id: authenticatorId,
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
    setUserVerified: async (isUserVerified) => {
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified });
    },
    remove: async () => {
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
    },
  };
}

/**
 * Registers a passkey for a demo user from the page (so the browser's authenticator makes it), through the demo-only
 * routes that stand in for the registration flow: options from the server, navigator.credentials.create, the answer
 * back. Returns the server's status and body.
 */
export function registerPasskey(page: Page, username: string): Promise<{ status: number; body: unknown }> {
  return page.evaluate(async (name) => {
    const post = (path: string, body: unknown) =>
      fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const options = (await (await post('/api/v1/demo/passkey/options', { username: name })).json()) as object;
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(
      options as PublicKeyCredentialCreationOptionsJSON,
    );
    const credential = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential;
    const response = await post('/api/v1/demo/passkey', { username: name, attestation: credential.toJSON() });
    return { status: response.status, body: (await response.json()) as unknown };
  }, username);
}

/** The page's own passkey answer to request options (for the tests that send it themselves, twice or late). */
export function assertionFor(page: Page, options: object): Promise<unknown> {
  return page.evaluate(async (json) => {
    const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(json as PublicKeyCredentialRequestOptionsJSON);
    const credential = (await navigator.credentials.get({ publicKey })) as PublicKeyCredential;
    return credential.toJSON() as unknown;
  }, options);
}
