import { createContext, useContext } from 'react';
import type { Principal } from './roles';

/** The signed-in user with their grants; every screen under the shell may read it. */
export const PrincipalContext = createContext<Principal | null>(null);

export function usePrincipal(): Principal {
  const principal = useContext(PrincipalContext);
  if (!principal) throw new Error('usePrincipal needs the signed-in shell');
  return principal;
}
