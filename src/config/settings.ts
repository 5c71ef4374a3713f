import { z } from 'zod';
import { ZavaError } from '../errors.js';
import { defaultDataDir } from './paths.js';
import { resolveUserPath } from './userPath.js';
import { closestName } from '../textSuggestion.js';

const positiveInt = z.coerce.number().int().positive();
/** A directory the user names: absolute from here on, `~` expanded (see resolveUserPath). */
const userPath = z.string().min(1, 'must not be empty').transform(resolveUserPath);

/** Temporary files one store transaction may write; sorts that spill past it fail. */
export const DEFAULT_TEMP_FILE_LIMIT_MB = 256;

/**
 * Every setting the program reads, in one place. Each has at most one CLI flag
 * (given by the commands) and the environment variables listed in ENVIRONMENT.
 */
export const settingsSchema = z
  .object({
    dataDir: userPath.default(defaultDataDir()),
    databaseUrl: z.string().url('DATABASE_URL must be a postgres:// URL').optional(),
    appDatabaseUrl: z.string().url('ZAVA_APP_DATABASE_URL must be a postgres:// URL').optional(),
    appPassword: z.string().min(1).optional(),
    store: z.string().min(1, 'must not be empty').optional(),
    statementTimeoutMs: positiveInt.max(600_000).default(5_000),
    rowLimit: positiveInt.max(100_000).default(500),
    byteLimit: positiveInt.max(64 * 1024 * 1024).default(256 * 1024),
    tempFileLimitMb: positiveInt.max(1024 * 1024).default(DEFAULT_TEMP_FILE_LIMIT_MB),
    pgliteMemoryMb: positiveInt.min(256).max(2048).default(1024),
    poolSize: positiveInt.max(100).default(5),
    maxConcurrentQueries: positiveInt.max(100).default(4),
    maxConcurrentQueriesPerToken: positiveInt.max(100).default(2),
    httpHost: z.string().min(1).default('127.0.0.1'),
    httpPort: z.coerce.number().int().min(0).max(65_535).default(8000),
    httpAllowedOrigins: z.string().default(''),
    httpMaxBodyBytes: positiveInt.max(64 * 1024 * 1024).default(1024 * 1024),
    httpRateLimitPerMinute: positiveInt.max(1_000_000).default(600),
    httpMaxSessions: positiveInt.max(100_000).default(256),
    httpMaxSessionsPerToken: positiveInt.max(10_000).default(16),
    httpSessionIdleSeconds: positiveInt.max(7 * 24 * 3600).default(1800),
    jwtSecret: z.string().min(32, 'ZAVA_JWT_SECRET must be at least 32 characters').optional(),
    jwksUrl: z.string().url('ZAVA_JWKS_URL must be an https:// URL').optional(),
    jwtIssuer: z.string().min(1).optional(),
    jwtAudience: z.string().min(1).optional(),
    embeddings: z.enum(['local', 'openai', 'azure', 'none']).default('local'),
    localModel: z.string().min(1).default('Xenova/all-MiniLM-L6-v2'),
    modelDir: userPath.optional(),
    modelCacheDir: userPath.optional(),
    openaiApiKey: z.string().min(1).optional(),
    openaiBaseUrl: z.string().url().optional(),
    openaiModel: z.string().min(1).default('text-embedding-3-small'),
    azureEndpoint: z.string().url().optional(),
    azureApiKey: z.string().min(1).optional(),
    azureAdToken: z.string().min(1).optional(),
    azureDeployment: z.string().min(1).optional(),
    azureApiVersion: z.string().min(1).default('2024-10-21'),
    logLevel: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  })
  .strict()
  .superRefine((settings, context) => {
    if (settings.jwtSecret && settings.jwksUrl) {
      context.addIssue({ code: 'custom', path: ['jwksUrl'], message: 'set ZAVA_JWT_SECRET (HS256) or ZAVA_JWKS_URL (RS256/ES256), not both' });
    }
    if (settings.jwksUrl && (!settings.jwtIssuer || !settings.jwtAudience)) {
      context.addIssue({ code: 'custom', path: [settings.jwtIssuer ? 'jwtAudience' : 'jwtIssuer'], message: 'ZAVA_JWKS_URL needs ZAVA_JWT_ISSUER and ZAVA_JWT_AUDIENCE' });
    }
  });

export type Settings = z.infer<typeof settingsSchema>;
export type SettingName = keyof Settings;

/** Environment variables per setting; the first one set wins. */
export const ENVIRONMENT: Readonly<Partial<Record<SettingName, readonly string[]>>> = {
  dataDir: ['ZAVA_DATA_DIR'],
  databaseUrl: ['DATABASE_URL', 'ZAVA_DATABASE_URL'],
  appDatabaseUrl: ['ZAVA_APP_DATABASE_URL'],
  appPassword: ['ZAVA_APP_PASSWORD'],
  store: ['ZAVA_STORE'],
  statementTimeoutMs: ['ZAVA_STATEMENT_TIMEOUT_MS'],
  rowLimit: ['ZAVA_ROW_LIMIT'],
  byteLimit: ['ZAVA_BYTE_LIMIT'],
  tempFileLimitMb: ['ZAVA_TEMP_FILE_LIMIT_MB'],
  pgliteMemoryMb: ['ZAVA_PGLITE_MEMORY_MB'],
  poolSize: ['ZAVA_POOL_SIZE'],
  maxConcurrentQueries: ['ZAVA_MAX_CONCURRENT_QUERIES'],
  maxConcurrentQueriesPerToken: ['ZAVA_MAX_CONCURRENT_QUERIES_PER_TOKEN'],
  httpHost: ['ZAVA_HTTP_HOST'],
  httpPort: ['ZAVA_HTTP_PORT'],
  httpAllowedOrigins: ['ZAVA_HTTP_ALLOWED_ORIGINS'],
  httpMaxBodyBytes: ['ZAVA_HTTP_MAX_BODY_BYTES'],
  httpRateLimitPerMinute: ['ZAVA_HTTP_RATE_LIMIT_PER_MINUTE'],
  httpMaxSessions: ['ZAVA_HTTP_MAX_SESSIONS'],
  httpMaxSessionsPerToken: ['ZAVA_HTTP_MAX_SESSIONS_PER_TOKEN'],
  httpSessionIdleSeconds: ['ZAVA_HTTP_SESSION_IDLE_SECONDS'],
  jwtSecret: ['ZAVA_JWT_SECRET'],
  jwksUrl: ['ZAVA_JWKS_URL'],
  jwtIssuer: ['ZAVA_JWT_ISSUER'],
  jwtAudience: ['ZAVA_JWT_AUDIENCE'],
  embeddings: ['ZAVA_EMBEDDINGS'],
  localModel: ['ZAVA_LOCAL_MODEL'],
  modelDir: ['ZAVA_MODEL_DIR'],
  modelCacheDir: ['ZAVA_MODEL_CACHE_DIR'],
  openaiApiKey: ['OPENAI_API_KEY'],
  openaiBaseUrl: ['OPENAI_BASE_URL'],
  openaiModel: ['ZAVA_OPENAI_MODEL'],
  azureEndpoint: ['AZURE_OPENAI_ENDPOINT'],
  azureApiKey: ['AZURE_OPENAI_API_KEY'],
  azureAdToken: ['AZURE_OPENAI_AD_TOKEN'],
  azureDeployment: ['AZURE_OPENAI_DEPLOYMENT'],
  azureApiVersion: ['AZURE_OPENAI_API_VERSION', 'OPENAI_API_VERSION'],
  logLevel: ['ZAVA_LOG_LEVEL'],
};

/** The command-line flag of a setting, where commands offer one; errors name what the user typed. */
export const FLAGS: Readonly<Partial<Record<SettingName, string>>> = {
  dataDir: '--data-dir',
  databaseUrl: '--database-url',
  store: '--store',
  embeddings: '--embeddings',
  statementTimeoutMs: '--statement-timeout',
  rowLimit: '--row-limit',
  byteLimit: '--byte-limit',
};

const OWN_PREFIX = 'ZAVA_';
const KNOWN_OWN_VARIABLES = new Set(
  Object.values(ENVIRONMENT)
    .flat()
    .filter((name) => name.startsWith(OWN_PREFIX)),
);

export interface LoadSettingsInput {
  env?: NodeJS.ProcessEnv;
  /** Values from CLI flags; they win over the environment. Undefined entries are ignored. */
  overrides?: Partial<Record<SettingName, unknown>>;
}

export function loadSettings({ env = process.env, overrides = {} }: LoadSettingsInput = {}): Settings {
  rejectUnknownVariables(env);
  const raw: Record<string, unknown> = {};
  // Where each value came from, so that an error names the variable or the flag the user set.
  const sources: Partial<Record<string, string>> = {};
  for (const [name, variables] of Object.entries(ENVIRONMENT) as [SettingName, readonly string[]][]) {
    const variable = variables.find((candidate) => nonEmpty(env[candidate]));
    if (variable) {
      raw[name] = env[variable];
      sources[name] = variable;
    }
  }
  for (const [name, value] of Object.entries(overrides) as [SettingName, unknown][]) {
    if (value === undefined) continue;
    raw[name] = value;
    sources[name] = FLAGS[name] ?? name;
  }
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) throw new ZavaError('config_invalid', describeIssue(parsed.error.issues[0], sources));
  return parsed.data;
}

function rejectUnknownVariables(env: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(env)) {
    if (!name.startsWith(OWN_PREFIX) || KNOWN_OWN_VARIABLES.has(name)) continue;
    const suggestion = closestName(name, [...KNOWN_OWN_VARIABLES]);
    throw new ZavaError(
      'config_invalid',
      `unknown setting ${name}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; known: ${[...KNOWN_OWN_VARIABLES].sort().join(', ')}`,
    );
  }
}

function describeIssue(issue: z.core.$ZodIssue | undefined, sources: Partial<Record<string, string>>): string {
  if (!issue) return 'invalid configuration';
  const name = String(issue.path[0] ?? '');
  if (issue.code === 'unrecognized_keys') return `unknown setting ${issue.keys.join(', ')}`;
  const where = sources[name] ?? settingLabel(name as SettingName);
  return `invalid ${where}: ${issue.message}`;
}

/** How a user would recognise the setting: its environment variable. */
export function settingLabel(name: SettingName): string {
  return ENVIRONMENT[name]?.[0] ?? name;
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}
