import type { ErrorCode } from '@resetdesk/shared';
import type { ResetApi } from '../api/reset-api';

/**
 * Asks the helpdesk to contact `username` about `reason`; true when the server took the request. A help request needs
 * a CAPTCHA; the wizard answers it with the device's proof of work (no picture to read on an error screen). Without a
 * challenge it still asks: the server decides whether one was needed.
 */
export async function sendHelpRequest(api: ResetApi, username: string, reason: ErrorCode): Promise<boolean> {
  const challenge = await api.getCaptcha({});
  // Loaded here, not with the first screen: only a help request (or the CAPTCHA's own chunk) needs it.
  const { solveProofOfWork } = await import('../components/proof-of-work');
  const captcha = challenge.ok
    ? {
        id: challenge.value.id,
        proofOfWorkNonce: await solveProofOfWork(
          challenge.value.proofOfWork.salt,
          challenge.value.proofOfWork.difficultyBits,
        ),
      }
    : undefined;
  const result = await api.requestHelp({ username, reason, ...(captcha ? { captcha } : {}) });
  return result.ok;
}
