-- The application role. Roles are cluster-wide, so this must be safe to run for
-- every database on a server, and must leave no privilege behind that a re-run would
-- not grant again.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'mcp_user') THEN
    CREATE ROLE mcp_user LOGIN;
  END IF;
END
$$;

ALTER ROLE mcp_user NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;
