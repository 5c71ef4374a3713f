import { ZavaError } from '../../errors.js';
import { APPLICATION_ROLE } from '../applicationRole.js';

/** host:port/database, without user or password: safe for banners and errors. */
export function describeUrl(url: string): string {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default database)';
  return `${parsed.hostname}:${parsed.port || '5432'}/${database}`;
}

/** The URL store sessions log in with: explicit, or the owner's URL with mcp_user and its password. */
export function storeLoginUrl(ownerUrl: string, appUrl: string | undefined, appPassword: string | undefined): string | undefined {
  if (appUrl) return appUrl;
  if (!appPassword) return undefined;
  const parsed = new URL(ownerUrl);
  if (decodeURIComponent(parsed.username) === APPLICATION_ROLE) return ownerUrl;
  parsed.username = APPLICATION_ROLE;
  parsed.password = appPassword;
  return parsed.toString();
}

export function assertPostgresUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new ZavaError('config_invalid', 'DATABASE_URL is not a valid URL');
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new ZavaError('config_invalid', `DATABASE_URL must start with postgres:// or postgresql://, not ${protocol}//`);
  }
}
