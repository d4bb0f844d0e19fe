import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake of Twilio's REST API for tests (the real one cannot be reached from here): a local HTTP server on 127.0.0.1
 * that speaks `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` as Twilio documents it (form fields, Basic auth,
 * Twilio-shaped JSON answers and errors), `GET /2010-04-01/Accounts/{AccountSid}.json` (the account resource, the
 * channel's health check), and posts status callbacks signed with X-Twilio-Signature.
 */
export interface FakeTwilioMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
}

export interface FakeTwilioError {
  // Twilio's error code (21211: invalid To number; 20003: authentication failed) and the HTTP status it comes with.
  code: number;
  status: number;
}

export interface FakeTwilio {
  // The base URL to configure as delivery.sms.apiBaseUrl.
  url: string;
  messages(): FakeTwilioMessage[];
  waitForMessages(count: number, timeoutMs?: number): Promise<FakeTwilioMessage[]>;
  // Requests whose Basic auth was wrong (answered 401 with Twilio's 20003).
  refusedAuth(): number;
  // The next `times` sends fail with this Twilio error.
  failNext(error: FakeTwilioError, times?: number): void;
  // How many times the account resource was fetched (with the right auth).
  accountChecks(): number;
  // The account's status as the account resource reports it (Twilio: active, suspended or closed).
  setAccountStatus(status: 'active' | 'suspended' | 'closed'): void;
  /**
   * Posts a status callback to `url` the way Twilio does: signed for `signedUrl` (the public URL Twilio was given,
   * `url` itself unless set), or with `signature` as given (null: none).
   */
  postStatus(
    url: string,
    params: Record<string, string>,
    options?: { signedUrl?: string; signature?: string | null },
  ): Promise<{ status: number }>;
  close(): Promise<void>;
}

/** X-Twilio-Signature as Twilio documents it: base64(HMAC-SHA1(token, URL + each POST name and value, by name)). */
export function fakeTwilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, name) => text + name + params[name], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

const twilioError = (code: number, status: number, message: string) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

export async function startFakeTwilio(account: { accountSid: string; authToken: string }): Promise<FakeTwilio> {
  const received: FakeTwilioMessage[] = [];
  const failures: FakeTwilioError[] = [];
  let refused = 0;
  let accountStatus: 'active' | 'suspended' | 'closed' = 'active';
  let accountFetches = 0;
  const expectedAuth = `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64')}`;
  const path = `/2010-04-01/Accounts/${account.accountSid}/Messages.json`;
  const accountPath = `/2010-04-01/Accounts/${account.accountSid}.json`;

  // The account resource as Twilio answers it (the fields the API documents; the check reads `status`).
  function answerAccount(request: IncomingMessage, response: ServerResponse): void {
    if (request.headers.authorization !== expectedAuth) {
      refused += 1;
      answer(response, 401, twilioError(20003, 401, 'Authenticate'));
      return;
    }
    accountFetches += 1;
    answer(response, 200, {
      sid: account.accountSid,
      friendly_name: 'ResetDesk test account',
      status: accountStatus,
      type: 'Full',
      date_created: 'Mon, 02 Mar 2026 09:00:00 +0000',
      uri: `/2010-04-01/Accounts/${account.accountSid}.json`,
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(request));
    if (request.method === 'GET' && request.url === accountPath) {
      answerAccount(request, response);
      return;
    }
    if (request.method !== 'POST' || request.url !== path) {
      answer(response, 404, twilioError(20404, 404, 'The requested resource was not found'));
      return;
    }
    if (request.headers.authorization !== expectedAuth) {
      refused += 1;
      answer(response, 401, twilioError(20003, 401, 'Authenticate'));
      return;
    }
    const to = form.get('To') ?? '';
    const failure = failures.shift();
    if (failure) {
      // Twilio's own messages quote the number: the channel must not repeat them.
      answer(response, failure.status, twilioError(failure.code, failure.status, `The 'To' number ${to} is not valid.`));
      return;
    }
    const message: FakeTwilioMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      to,
      from: form.get('From'),
      messagingServiceSid: form.get('MessagingServiceSid'),
      body: form.get('Body') ?? '',
      statusCallback: form.get('StatusCallback'),
    };
    received.push(message);
    answer(response, 201, {
      sid: message.sid,
      account_sid: account.accountSid,
      to: message.to,
      from: message.from,
      messaging_service_sid: message.messagingServiceSid,
      body: message.body,
      status: 'queued',
      num_segments: '1',
      direction: 'outbound-api',
      api_version: '2010-04-01',
      error_code: null,
      error_message: null,
      uri: `${path.replace(/\.json$/u, '')}/${message.sid}.json`,
    });
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => answer(response, 500, twilioError(20500, 500, 'Internal Server Error')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    messages: () => [...received],
    async waitForMessages(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`the fake Twilio got ${received.length} of ${count} messages`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return [...received];
    },
    refusedAuth: () => refused,
    accountChecks: () => accountFetches,
    setAccountStatus(status) {
      accountStatus = status;
    },
    failNext(error, times = 1) {
      for (let i = 0; i < times; i += 1) failures.push(error);
    },
    async postStatus(url, params, options = {}) {
      const signature =
        options.signature === undefined
          ? fakeTwilioSignature(account.authToken, options.signedUrl ?? url, params)
          : options.signature;
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          'user-agent': 'TwilioProxy/1.1',
          ...(signature === null ? {} : { 'x-twilio-signature': signature }),
        },
        body: new URLSearchParams(params).toString(),
      });
      await response.body?.cancel();
      return { status: response.status };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
