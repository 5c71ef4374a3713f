-- Extensions every engine provides. pgvector is optional and lives in 010_vector.sql.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

-- Before PostgreSQL 15 every role could create objects in public and shadow the
-- functions our SECURITY DEFINER code calls; make older servers behave like 15+.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
