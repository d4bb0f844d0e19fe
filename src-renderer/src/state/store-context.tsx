import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ResetFlowState, ResetFlowStore } from './reset-flow-store';

// The store is created by the entry point (with the chosen ResetApi) and handed down; no module-level instance.
const StoreContext = createContext<ResetFlowStore | null>(null);

export function ResetFlowStoreProvider({ store, children }: { store: ResetFlowStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useResetFlowStore(): ResetFlowStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useResetFlow must be used inside <ResetFlowStoreProvider>');
  return store;
}

export function useResetFlow<T>(selector: (state: ResetFlowState) => T): T {
  return useStore(useResetFlowStore(), selector);
}
