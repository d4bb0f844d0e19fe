import { protocol } from 'electron';
import { APP_ORIGIN, APP_SCHEME } from '../security/navigation-policy';
import { WIZARD_CONTENT_SECURITY_POLICY } from '../security/content-security-policy';
import { createRendererFileHandler } from '../protocol/renderer-file-handler';

/**
 * Must run before `ready`: `standard` gives the scheme real origins and relative URLs, `secure` makes it a secure
 * context (as https would be). Electron honours only one call, so every privileged scheme belongs here.
 */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

/** After `ready`: serves the built renderer from rootDir, with the wizard's CSP on every response. */
export function serveRenderer(rootDir: string): void {
  protocol.handle(
    APP_SCHEME,
    createRendererFileHandler({ rootDir, origin: APP_ORIGIN, contentSecurityPolicy: WIZARD_CONTENT_SECURITY_POLICY }),
  );
}
