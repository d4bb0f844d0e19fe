/**
 * A setting that is missing, malformed or unusable: the server stops before it listens and prints the message, which
 * names the setting (never a secret's value).
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
