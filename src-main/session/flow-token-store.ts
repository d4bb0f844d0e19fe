/**
 * The flow tokens, kept in the main process per sender (webContents id) so that the renderer never holds one: a
 * compromised renderer can drive only its own flow through IPC and cannot carry the token anywhere else.
 */
export interface FlowTokenStore {
  set(senderId: number, flowToken: string): void;
  get(senderId: number): string | undefined;
  clear(senderId: number): void;
  /** How many senders hold a token (for tests and diagnostics; never the tokens themselves). */
  size(): number;
}

export function createFlowTokenStore(): FlowTokenStore {
  const tokens = new Map<number, string>();
  return {
    set: (senderId, flowToken) => {
      tokens.set(senderId, flowToken);
    },
    get: (senderId) => tokens.get(senderId),
    clear: (senderId) => {
      tokens.delete(senderId);
    },
    size: () => tokens.size,
  };
}
