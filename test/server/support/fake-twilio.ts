import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { callAnswer, callCallbackFields, callFromForm, deliveredTo } from './fake-twilio-calls';
import type { FakeTwilioCall } from './fake-twilio-calls';
import { answerJson, listenOnLoopback, readBody, waitForCount } from './fake-provider-http';

export type { FakeTwilioCall } from './fake-twilio-calls';

/**
 * A fake of Twilio's REST API for tests (the real one cannot be reached from here): a local HTTP server on 127.0.0.1
 * that speaks `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` and `.../Calls.json` as Twilio documents them
 * (form fields, Basic auth, Twilio-shaped JSON answers and errors), `GET /2010-04-01/Accounts/{AccountSid}.json` (the
 * account resource, the channels' health check), and posts callbacks signed with X-Twilio-Signature: message and
 * call statuses, and the key a person "pressed" during a call.
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

/** What a callback got back; `resend` posts the very same request again (a replay). */
export interface FakeCallbackResult {
  status: number;
  body: string;
  resend(): Promise<FakeCallbackResult>;
}

export interface FakeCallbackOptions {
  // Where the server really listens: the public URL's path and query are posted there (signed for the public URL).
  deliverTo: string;
  // The signature to send instead of the right one (null: none).
  signature?: string | null;
}

export interface FakeTwilio {
  // The base URL to configure as delivery.sms.apiBaseUrl (and delivery.voice.apiBaseUrl).
  url: string;
  // Every request the API received (method, path and form body), for checks that nothing secret reached Twilio.
  requests(): { method: string; url: string; body: string }[];
  calls(): FakeTwilioCall[];
  waitForCalls(count: number, timeoutMs?: number): Promise<FakeTwilioCall[]>;
  /** The person presses `digits` (# by default): Twilio posts them, signed, to the call's <Gather action>. */
  answerCall(call: FakeTwilioCall, options: FakeCallbackOptions & { digits?: string }): Promise<FakeCallbackResult>;
  /** The call ends with `status` (no-answer, busy, failed, completed): Twilio posts it to the StatusCallback. */
  endCall(call: FakeTwilioCall, status: string, options: FakeCallbackOptions): Promise<FakeCallbackResult>;
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
  const callsPath = `/2010-04-01/Accounts/${account.accountSid}/Calls.json`;
  const requests: { method: string; url: string; body: string }[] = [];
  const calls: FakeTwilioCall[] = [];

  function placeCall(form: URLSearchParams, response: ServerResponse): void {
    const call = callFromForm(form);
    if ('code' in call) {
      answerJson(response, 400, twilioError(call.code, 400, call.message));
      return;
    }
    calls.push(call);
    answerJson(response, 201, callAnswer(account.accountSid, callsPath, call));
  }

  const accountPath = `/2010-04-01/Accounts/${account.accountSid}.json`;

  // The account resource as Twilio answers it (the fields the API documents; the check reads `status`).
  function answerAccount(request: IncomingMessage, response: ServerResponse): void {
    if (request.headers.authorization !== expectedAuth) {
      refused += 1;
      answerJson(response, 401, twilioError(20003, 401, 'Authenticate'));
      return;
    }
    accountFetches += 1;
    answerJson(response, 200, {
      sid: account.accountSid,
      friendly_name: 'ResetDesk test account',
      status: accountStatus,
      type: 'Full',
      date_created: 'Mon, 02 Mar 2026 09:00:00 +0000',
      uri: `/2010-04-01/Accounts/${account.accountSid}.json`,
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    requests.push({ method: request.method ?? '', url: request.url ?? '', body: raw });
    const form = new URLSearchParams(raw);
    if (request.method === 'GET' && request.url === accountPath) {
      answerAccount(request, response);
      return;
    }
    if (request.method !== 'POST' || (request.url !== path && request.url !== callsPath)) {
      answerJson(response, 404, twilioError(20404, 404, 'The requested resource was not found'));
      return;
    }
    if (request.headers.authorization !== expectedAuth) {
      refused += 1;
      answerJson(response, 401, twilioError(20003, 401, 'Authenticate'));
      return;
    }
    const to = form.get('To') ?? '';
    const failure = failures.shift();
    if (failure) {
      // Twilio's own messages quote the number: the channel must not repeat them.
      answerJson(response, failure.status, twilioError(failure.code, failure.status, `The 'To' number ${to} is not valid.`));
      return;
    }
    if (request.url === callsPath) {
      placeCall(form, response);
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
    answerJson(response, 201, {
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

  async function postSigned(
    url: string,
    params: Record<string, string>,
    options: { signedUrl?: string; signature?: string | null },
  ): Promise<FakeCallbackResult> {
    const signature =
      options.signature === undefined
        ? fakeTwilioSignature(account.authToken, options.signedUrl ?? url, params)
        : options.signature;
    const send = async (): Promise<FakeCallbackResult> => {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          'user-agent': 'TwilioProxy/1.1',
          ...(signature === null ? {} : { 'x-twilio-signature': signature }),
        },
        body: new URLSearchParams(params).toString(),
      });
      return { status: response.status, body: await response.text(), resend: send };
    };
    return send();
  }

  function callback(url: string | null, call: FakeTwilioCall, fields: Record<string, string>, options: FakeCallbackOptions) {
    if (!url) throw new Error(`the call ${call.sid} asked for no such callback`);
    const params = callCallbackFields(account.accountSid, call, fields);
    const signature = options.signature === undefined ? {} : { signature: options.signature };
    return postSigned(deliveredTo(url, options.deliverTo), params, { signedUrl: url, ...signature });
  }

  const { server, port } = await listenOnLoopback(handle, twilioError(20500, 500, 'Internal Server Error'));

  return {
    url: `http://127.0.0.1:${port}`,
    messages: () => [...received],
    waitForMessages: (count, timeoutMs = 10_000) =>
      waitForCount(() => received, count, `the fake Twilio's messages`, timeoutMs),
    refusedAuth: () => refused,
    accountChecks: () => accountFetches,
    setAccountStatus(status) {
      accountStatus = status;
    },
    failNext(error, times = 1) {
      for (let i = 0; i < times; i += 1) failures.push(error);
    },
    async postStatus(url, params, options = {}) {
      const { status } = await postSigned(url, params, options);
      return { status };
    },
    requests: () => [...requests],
    calls: () => [...calls],
    waitForCalls: (count, timeoutMs = 10_000) =>
      waitForCount(() => calls, count, `the fake Twilio's calls`, timeoutMs),
    answerCall: (call, options) =>
      callback(call.gatherAction, call, { Digits: options.digits ?? '#', FinishedOnKey: '', msg: 'Gather End' }, options),
    endCall: (call, status, options) =>
      callback(call.statusCallback, call, { CallStatus: status, CallDuration: '0' }, options),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
