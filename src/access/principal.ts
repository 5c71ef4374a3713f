import type { StoreBinding } from '../tenant/storeBinding.js';

/** How a caller proved who it is. */
export type PrincipalKind = 'token' | 'jwt' | 'stdio' | 'in-process';

/** Who is calling, and the stores that identity binds: authentication decides the stores, nothing else. */
export interface Principal {
  kind: PrincipalKind;
  /** The token's name, the JWT's subject, or `stdio`. */
  name: string;
  binding: StoreBinding;
}

/** Whether two principals are the same identity with the same stores (a session keeps its first one). */
export function samePrincipal(a: Principal, b: Principal): boolean {
  const stores = (principal: Principal) => (principal.binding.kind === 'all' ? '*' : [...principal.binding.storeIds].sort().join(','));
  return a.kind === b.kind && a.name === b.name && stores(a) === stores(b);
}
