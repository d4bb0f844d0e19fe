import { OPERATIONS, fail, isOperationName, resultSchemaOf } from '@resetdesk/shared';
import type { OperationName } from '@resetdesk/shared';
import type { z } from 'zod';
import type { Logger } from '../logging/logger';
import { createSenderGuard } from './sender-guard';
import type { IpcContext, IpcHandlers, IpcResult } from './ipc-types';

export interface IpcDispatcher {
  /** Never throws and never rejects: every outcome, including a bug in a handler, is a Result. */
  dispatch(channel: string, input: unknown, ctx: IpcContext): Promise<IpcResult>;
}

export interface IpcDispatcherDeps {
  handlers: IpcHandlers;
  /** Origins whose frames may call, e.g. `resetdesk://app` in Electron or the test page's origin in browser tests. */
  trustedOrigins: readonly string[];
  logger: Logger;
}

/**
 * Names the fields and rules that failed, never their values: the input may be a password or a code. Unknown keys
 * are counted, not named, because their names come from the sender too.
 */
function describeInvalidInput(channel: OperationName, error: z.ZodError): string {
  const problems = error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') return `${issue.keys.length} unexpected field(s)`;
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'input';
    return `${where} (${issue.code})`;
  });
  const message = `Invalid input for ${channel}: ${[...new Set(problems)].join(', ')}`;
  return message.length > 500 ? `${message.slice(0, 497)}...` : message;
}

/**
 * The one path every IPC call takes: sender check, input validation, handler, output validation. The channel is the
 * operation's name. The output check makes a handler bug (say, a token in a view) an INTERNAL error instead of a leak,
 * since the declarations are strict; the renderer trusts what passed it and does not parse it again.
 */
export function createIpcDispatcher(deps: IpcDispatcherDeps): IpcDispatcher {
  const isTrustedSender = createSenderGuard(deps.trustedOrigins);
  const { logger } = deps;

  async function run(channel: string, input: unknown, ctx: IpcContext): Promise<IpcResult> {
    if (!isTrustedSender(ctx.senderUrl)) {
      return fail('SENDER_REJECTED', 'This frame may not call the ResetDesk main process');
    }
    if (!isOperationName(channel)) return fail('INVALID_INPUT', 'Unknown IPC channel');
    const parsedInput = OPERATIONS[channel].input.safeParse(input);
    if (!parsedInput.success) return fail('INVALID_INPUT', describeInvalidInput(channel, parsedInput.error));

    // The generic handler call: the map's type ties each channel to its own input, which TS cannot follow here.
    const handler = deps.handlers[channel] as (input: unknown, ctx: IpcContext) => Promise<unknown>;
    const output = await handler(parsedInput.data, ctx);

    const parsedOutput = resultSchemaOf(channel).safeParse(output);
    if (!parsedOutput.success) {
      logger.error('IPC handler returned output that breaks the contract', { channel });
      return fail('INTERNAL', 'The main process produced an invalid answer');
    }
    return parsedOutput.data;
  }

  return {
    async dispatch(channel, input, ctx) {
      const loggedChannel = isOperationName(channel) ? channel : 'unknown';
      let result: IpcResult;
      try {
        result = await run(String(channel), input, ctx);
      } catch (error) {
        // Only the error's class: messages and properties of thrown errors may carry request data.
        logger.error('IPC handler threw', {
          channel: loggedChannel,
          errorName: error instanceof Error ? error.name : typeof error,
        });
        result = fail('INTERNAL', 'The main process failed to handle the request');
      }
      const outcome = result.ok ? 'ok' : result.error.code;
      if (result.ok) logger.info('ipc', { channel: loggedChannel, outcome });
      else logger.warn('ipc', { channel: loggedChannel, outcome });
      return result;
    },
  };
}
