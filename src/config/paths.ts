import envPaths from 'env-paths';
import path from 'node:path';

const appPaths = envPaths('zava-retail-mcp', { suffix: '' });

/** Per-user data directory reused across runs (XDG on Linux, Application Support on macOS, LocalAppData on Windows). */
export function defaultDataDir(): string {
  return path.join(appPaths.data, 'pgdata');
}

/** Where downloaded embedding models are cached. */
export function defaultModelCacheDir(): string {
  return path.join(appPaths.cache, 'models');
}

/** Seeded database snapshots of test sandboxes (zava-retail-mcp/testing). */
export function defaultSnapshotDir(): string {
  return path.join(appPaths.cache, 'snapshots');
}
