-- Who may use the HTTP server, and what every tool call did. The owner's alone:
-- mcp_user has no privilege on this schema, so no store session (and no model SQL)
-- can read a token's hash or change the record of a call.
CREATE SCHEMA IF NOT EXISTS zava_access;
REVOKE ALL ON SCHEMA zava_access FROM PUBLIC;
COMMENT ON SCHEMA zava_access IS 'API tokens and the audit of tool calls; the schema owner only.';

-- A token is `zava_<token_id>_<secret>`; only a hash of the secret is kept.
CREATE TABLE IF NOT EXISTS zava_access.api_tokens (
  name         VARCHAR(64) PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
  token_id     TEXT NOT NULL UNIQUE,
  secret_hash  BYTEA NOT NULL,
  stores       TEXT[] NOT NULL CHECK (cardinality(stores) > 0),
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at   TIMESTAMPTZ,
  last_used_at TIMESTAMPTZ,
  revoked_at   TIMESTAMPTZ
);
COMMENT ON COLUMN zava_access.api_tokens.stores IS 'The store ids the token binds, or {*} for every active store.';

CREATE TABLE IF NOT EXISTS zava_access.tool_calls (
  call_id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  called_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  principal      TEXT NOT NULL,
  principal_kind TEXT NOT NULL CHECK (principal_kind IN ('token', 'jwt', 'stdio', 'in-process')),
  session_id     TEXT NOT NULL,
  stores         TEXT[] NOT NULL,
  tool           TEXT NOT NULL,
  arguments      JSONB NOT NULL,
  outcome        TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'error')),
  error_code     TEXT,
  rows_returned  INTEGER,
  truncated      BOOLEAN,
  duration_ms    DOUBLE PRECISION NOT NULL
);
COMMENT ON TABLE zava_access.tool_calls IS 'One row per tool call, allowed or refused: who, which session and stores, what was asked, what came of it.';
CREATE INDEX IF NOT EXISTS idx_tool_calls_called_at ON zava_access.tool_calls (called_at);
CREATE INDEX IF NOT EXISTS idx_tool_calls_principal ON zava_access.tool_calls (principal, called_at);
