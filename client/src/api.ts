// What `activate` returns: a small handle for tests and for other extensions. Nothing else is public.
export interface SasGuardApi {
  /** Resolves once the language server runs (rejects when it cannot start). */
  whenServerReady(): Promise<void>;
}
