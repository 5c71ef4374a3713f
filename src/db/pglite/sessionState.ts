import { z } from 'zod';

/**
 * PGlite is one PostgreSQL session, shared by the program and the clients of the
 * wire door. What one of them leaves in it at session level (SET ROLE, SET
 * search_path, SET SESSION AUTHORIZATION) must not reach the next: each gets the
 * session in the state it left it, and the program gets these defaults.
 */
export const SESSION_DEFAULTS = "SET TimeZone = 'UTC'";

/** Back to the defaults: the session user, every setting as at start, then ours. */
export const RESET_SESSION = `SET SESSION AUTHORIZATION DEFAULT; RESET ALL; ${SESSION_DEFAULTS}`;

/** A wire client's session-level state: the settings it changed, its role and session user. */
export const sessionStateSchema = z.object({
  settings: z.array(z.tuple([z.string(), z.string()])),
  role: z.string(),
  sessionUser: z.string(),
});

export type SessionState = z.infer<typeof sessionStateSchema>;

/**
 * pg_settings shows values in base units (8192 for 8MB of work_mem), which
 * set_config reads the same way. role and session_authorization are not listed
 * there: they are read on their own.
 */
export const CAPTURE_SESSION = `
SELECT json_build_object(
         'settings', COALESCE((SELECT json_agg(json_build_array(name, setting) ORDER BY name) FROM pg_catalog.pg_settings WHERE source = 'session'), '[]'::json),
         'role', pg_catalog.current_setting('role'),
         'sessionUser', session_user::text) AS state`;

/** Settings first (as the superuser), then who the session is; parameters: the state as JSON. */
export const RESTORE_SETTINGS = `
SELECT pg_catalog.set_config(s ->> 0, s ->> 1, false) FROM json_array_elements($1::json -> 'settings') AS s`;
export const RESTORE_IDENTITY = `
SELECT CASE WHEN $1::text <> session_user::text THEN pg_catalog.set_config('session_authorization', $1::text, false) END,
       pg_catalog.set_config('role', $2::text, false)`;
