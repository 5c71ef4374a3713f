-- Model SELECTs are read through a cursor; a row larger than the byte cap of a result
-- must not leave the database at all: one row of 1.7 GB would fill the server's
-- memory before the program could look at it. The result cursor filters every row
-- through this check (src/guard/rowLimit.ts); model SQL cannot call it (the guard's
-- allowlist does not name it).
CREATE OR REPLACE FUNCTION retail.result_row_fits(row_bytes BIGINT, byte_limit BIGINT) RETURNS BOOLEAN
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF row_bytes > byte_limit THEN
    RAISE EXCEPTION 'a row of the result is % bytes, more than the % bytes a result may have', row_bytes, byte_limit
      USING ERRCODE = 'Z0005', HINT = 'select fewer or shorter columns';
  END IF;
  RETURN TRUE;
END
$$;
COMMENT ON FUNCTION retail.result_row_fits(BIGINT, BIGINT) IS 'Raises when one row of a model query''s result is larger than the result''s byte cap.';
REVOKE ALL ON FUNCTION retail.result_row_fits(BIGINT, BIGINT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION retail.result_row_fits(BIGINT, BIGINT) TO mcp_user;
