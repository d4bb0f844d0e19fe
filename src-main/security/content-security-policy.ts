/**
 * The Content-Security-Policy of the wizard. The renderer talks to the main process only through IPC, so it needs no
 * network at all (connect-src 'none'); inline styles are allowed because Fluent UI (Griffel) injects style elements.
 */
export const WIZARD_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export function buildContentSecurityPolicy(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

export const WIZARD_CONTENT_SECURITY_POLICY = buildContentSecurityPolicy(WIZARD_CSP_DIRECTIVES);
