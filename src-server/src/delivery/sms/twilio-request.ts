import { z } from 'zod';
import { AppError } from '../../errors/app-error';
import { networkFailureOf } from '../network-failure';

// Twilio's error answer: only its numeric code and the HTTP status are ever repeated (its message quotes the number).
const TwilioErrorSchema = z.object({ code: z.number().int() }).loose();

async function twilioCodeOf(response: Response): Promise<string> {
  try {
    const parsed = TwilioErrorSchema.safeParse(await response.json());
    return parsed.success ? ` ${parsed.data.code}` : '';
  } catch {
    return '';
  }
}

/**
 * One form-encoded POST to Twilio's REST API with HTTP Basic auth (the Messages and Calls resources alike). Throws
 * DELIVERY_FAILED naming what was sent (`what`: "text message", "call") and only Twilio's code, never its text.
 */
export async function postTwilioForm(
  endpoint: string,
  authorization: string,
  form: URLSearchParams,
  options: { what: string; timeoutMs: number },
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        authorization,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: form.toString(),
      // Redirects would carry the Basic auth elsewhere: Twilio's API does not redirect, so none is followed.
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw new AppError('DELIVERY_FAILED', `The ${options.what} could not be sent (${networkFailureOf(error)}).`);
  }
  if (!response.ok) {
    const code = await twilioCodeOf(response);
    throw new AppError('DELIVERY_FAILED', `Twilio refused the ${options.what} (HTTP ${response.status}${code}).`);
  }
  // The answer (sid, status) is not needed: what happens next comes back through the signed callbacks.
  await response.body?.cancel();
}
