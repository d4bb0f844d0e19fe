import type { FlowResponse } from '@resetdesk/shared';
import type { DirectoryUser } from '../../directory/directory';
import { startAudit } from '../engine/flow-audit';
import type { RequestContext } from '../engine/request-context';
import type { RegistrationKit } from './registration-deps';
import { registrationResponse } from './security-info-view';

/**
 * A register flow opened straight at the list for a person whose change password just proved who they are (the
 * change flow hands over once: change-flow-service.ts). Bound to the same client and account throttles as a
 * started one; its own token goes back to the client in place of the change flow's.
 */
export async function handOver(
  kit: RegistrationKit,
  user: DirectoryUser,
  locale: string | null,
  context: RequestContext,
): Promise<FlowResponse> {
  const { engine, guard } = kit;
  const { flow, token } = await engine.open({
    kind: 'register',
    state: 'manage',
    user,
    username: user.username,
    locale,
    context,
  });
  await guard.rememberAccountKey(flow.id, guard.accountKey(user, user.username), context);
  const audit = startAudit(user, context, 'register');
  await engine.record({ ...audit, event: 'flow.started', outcome: 'success', flowId: flow.id,
    detail: 'register,after_change' });
  return registrationResponse(kit, flow, token);
}
