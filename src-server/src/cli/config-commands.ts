import { ConfigError, loadConfiguration } from '../config/server-config';
import type { ServerFlags } from '../config/server-config';
import { unreadableSettings } from '../config/settings-walk';
import { renderConfiguration } from './config-report';

type Write = (text: string) => void;

export const CONFIG_USAGE = `  config check                Validate the configuration (RESETDESK_CONFIG_FILE, RESETDESK_* variables, flags) and
                              print the effective settings, secrets only as where they are read from; exit 0 when
                              valid, 1 with the problems`;

/**
 * `config check`: everything the server would refuse at start (a bad or unknown key, a secret that cannot be read),
 * found before a restart. It loads the configuration itself, since the other commands stop at a bad one.
 */
export function configCommand(rest: readonly string[], flags: ServerFlags, out: Write, err: Write): number {
  if (rest.length !== 1 || rest[0] !== 'check') {
    err(`Usage:\n${CONFIG_USAGE}`);
    return 2;
  }
  let loaded: ReturnType<typeof loadConfiguration>;
  try {
    loaded = loadConfiguration({ flags });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    err(error.message);
    return 1;
  }
  out(renderConfiguration(loaded));
  const { tls, directory, delivery } = loaded.config;
  const problems = unreadableSettings({ server: { tls }, directory, delivery }, process.env);
  for (const problem of problems) err(`Invalid configuration: ${problem}`);
  return problems.length === 0 ? 0 : 1;
}
