import { request as httpRequest } from 'node:http';
import { Agent } from 'node:https';
import type { AgentOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import type { ConnectionOptions } from 'node:tls';

/**
 * An https agent that reaches the reset server through the organisation's proxy (policy `proxyUrl`) with an HTTP
 * CONNECT tunnel: TLS runs end to end inside the tunnel, so the proxy sees only the host name and port, never a
 * password, code or token. Environment proxy variables are never consulted; only the configured proxy is used.
 */
export class ConnectTunnelAgent extends Agent {
  // A TypeScript `private`, not a `#private` field: Electronegativity's parser cannot read class private fields, and a
  // main bundle it cannot parse hides the navigation and permission handlers from its global checks (.ci/run fails).
  private readonly tunnelProxy: URL;

  constructor(proxyUrl: string, options: AgentOptions = {}) {
    super({ ...options, keepAlive: false });
    this.tunnelProxy = new URL(proxyUrl);
  }

  override createConnection(
    options: ConnectionOptions & { host?: string; port?: number; servername?: string },
    callback: (error: Error | null, socket?: Duplex) => void,
  ): Duplex | undefined {
    const target = `${options.host ?? 'localhost'}:${options.port ?? 443}`;
    let settled = false;
    const finish = (error: Error | null, socket?: Duplex) => {
      if (settled) return;
      settled = true;
      callback(error, socket);
    };
    const connect = httpRequest({
      host: this.tunnelProxy.hostname,
      port: Number(this.tunnelProxy.port || 80),
      method: 'CONNECT',
      path: target,
      headers: { host: target },
    });
    connect.once('connect', (response, socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        finish(Object.assign(new Error(`The proxy refused the tunnel (${response.statusCode})`), { code: 'EPROXY' }));
        return;
      }
      const secure = tlsConnect({ ...options, socket, servername: options.servername ?? options.host });
      secure.once('secureConnect', () => finish(null, secure));
      secure.once('error', (error) => finish(error));
    });
    connect.once('error', (error) => finish(error));
    connect.end();
    return undefined;
  }
}
