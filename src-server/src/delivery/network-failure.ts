/**
 * Why an outgoing provider request never got an answer: the timeout, or the network error's code — never its text
 * or the URL (either may carry an account id or a token). Shared by every channel that calls a provider over HTTP.
 */
export function networkFailureOf(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return 'TIMEOUT';
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : 'NETWORK';
}
