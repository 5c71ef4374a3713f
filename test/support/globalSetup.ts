// Filled in by the conformance harness: starts a native PostgreSQL for the run.
export default async function setup(): Promise<() => Promise<void>> {
  return async () => undefined;
}
