import { expect, it } from 'vitest';
import { LAB_TABLES, TENANT_TABLES } from '../support/retailTables.js';
import { describeEngines, ENGINE_KINDS, ENGINE_TRAITS, useSeededDatabase } from '../support/seededDatabase.js';

const LAB_INDEXES = [
  'idx_stores_region', 'idx_stores_active',
  'idx_customers_store_id', 'idx_customers_email', 'idx_customers_loyalty_tier', 'idx_customers_created_at',
  'idx_products_store_id', 'idx_products_sku', 'idx_products_category', 'idx_products_brand', 'idx_products_price',
  'idx_products_stock', 'idx_products_active', 'idx_products_featured', 'idx_products_tags', 'idx_products_metadata',
  'idx_products_text_search',
  'idx_sales_transactions_store_id', 'idx_sales_transactions_customer_id', 'idx_sales_transactions_date',
  'idx_sales_transactions_type', 'idx_sales_transactions_payment',
  'idx_sales_transaction_items_transaction_id', 'idx_sales_transaction_items_product_id',
  'idx_product_embeddings_product_id', 'idx_product_embeddings_store_id', 'idx_product_embeddings_model',
  'idx_audit_log_table_name', 'idx_audit_log_action', 'idx_audit_log_user_name', 'idx_audit_log_store_id', 'idx_audit_log_created_at',
];

describeEngines(ENGINE_KINDS, 'schema objects on %s', (kind) => {
  const database = useSeededDatabase(kind);

  it('creates every Lab 04 table in schema retail', async () => {
    const { rows } = await database.db.query<{ relname: string }>(
      "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'retail' AND c.relkind = 'r'",
    );
    expect(rows.map((row) => row.relname)).toEqual(expect.arrayContaining([...LAB_TABLES]));
  });

  it('creates every index Lab 04 lists, the full-text GIN index included', async () => {
    const { rows } = await database.db.query<{ indexname: string; indexdef: string }>("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'retail'");
    const names = rows.map((row) => row.indexname);
    expect(names).toEqual(expect.arrayContaining(LAB_INDEXES));
    expect(rows.find((row) => row.indexname === 'idx_products_text_search')?.indexdef).toMatch(/USING gin \(to_tsvector\('english'/);
  });

  it('has the functions, views and audit triggers of the design', async () => {
    const functions = await database.db.query<{ proname: string }>(
      "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'retail'",
    );
    expect(functions.rows.map((row) => row.proname)).toEqual(
      expect.arrayContaining(['set_store_context', 'current_store_ids', 'verified_store_ids', 'audit_trigger', 'perform_maintenance', 'slow_query_stats']),
    );
    const views = await database.db.query<{ viewname: string }>("SELECT viewname FROM pg_views WHERE schemaname = 'retail'");
    expect(views.rows.map((row) => row.viewname).sort()).toEqual(['index_usage', 'slow_queries', 'table_stats']);
    const triggers = await database.db.query<{ tgname: string }>(
      "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'retail' AND NOT t.tgisinternal",
    );
    expect(triggers.rows.map((row) => row.tgname).sort()).toEqual(['customers_audit_trigger', 'products_audit_trigger', 'sales_transactions_audit_trigger']);
  });

  it('enables and forces row-level security on every retail table', async () => {
    const { rows } = await database.db.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'retail' AND c.relkind = 'r'",
    );
    for (const table of LAB_TABLES) {
      expect(rows.find((row) => row.relname === table), table).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
    }
  });

  it('gives every tenant table a store policy that is a plain equality on store_id, without subqueries or joins', async () => {
    const { rows } = await database.db.query<{ tablename: string; qual: string; with_check: string | null; roles: string[] }>(
      "SELECT tablename, qual, with_check, roles::text[] AS roles FROM pg_policies WHERE schemaname = 'retail' AND policyname LIKE '%_store_isolation'",
    );
    for (const table of TENANT_TABLES) {
      const policy = rows.find((row) => row.tablename === table);
      expect(policy, table).toBeDefined();
      expect(policy!.roles).toEqual(['mcp_user']);
      expect(policy!.qual).toMatch(/^\(\(?store_id\)?(::text)? = ANY \(retail\.current_store_ids\(\)\)\)$/);
      expect(policy!.qual).not.toMatch(/select|join/i);
      expect(policy!.with_check).toEqual(policy!.qual);
    }
  });

  it('makes mcp_user an ordinary role: no superuser, no BYPASSRLS, owns nothing, no TRUNCATE', async () => {
    const role = await database.db.query<{ rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
      "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = 'mcp_user'",
    );
    expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const owned = await database.db.query<{ count: number }>(
      "SELECT count(*) FROM pg_class c WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = 'mcp_user')",
    );
    expect(owned.rows[0]!.count).toBe(0);
    const ownedFunctions = await database.db.query<{ count: number }>(
      "SELECT count(*) FROM pg_proc WHERE proowner = (SELECT oid FROM pg_roles WHERE rolname = 'mcp_user')",
    );
    expect(ownedFunctions.rows[0]!.count).toBe(0);
    for (const table of LAB_TABLES) {
      const truncate = await database.db.query<{ allowed: boolean }>("SELECT has_table_privilege('mcp_user', $1, 'TRUNCATE') AS allowed", [`retail.${table}`]);
      expect(truncate.rows[0]!.allowed, table).toBe(false);
    }
  });

  it('puts store_id in every primary key, unique constraint and foreign key between tenant tables', async () => {
    const { rows } = await database.db.query<{ table_name: string; contype: string; conname: string; columns: string[]; referenced: string | null }>(`
      SELECT c.relname AS table_name, k.contype, k.conname,
             ARRAY(SELECT a.attname FROM unnest(k.conkey) u(n) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n)::text[] AS columns,
             k.confrelid::regclass::text AS referenced
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'retail' AND k.contype IN ('p', 'u', 'f') AND c.relname = ANY ($1::text[])`, [TENANT_TABLES]);
    const between = rows.filter((row) => row.contype !== 'f' || TENANT_TABLES.some((table) => row.referenced === `retail.${table}`));
    expect(between.length).toBeGreaterThan(10);
    for (const constraint of between) expect(constraint.columns, constraint.conname).toContain('store_id');
    const email = rows.find((row) => row.table_name === 'customers' && row.contype === 'u');
    expect(email?.columns.sort()).toEqual(['email', 'store_id']);
  });

  it('keeps Lab 04 column names and types on the tenant tables', async () => {
    const { rows } = await database.db.query<{ table_name: string; column_name: string; data_type: string }>(
      "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'retail'",
    );
    const type = (table: string, column: string) => rows.find((row) => row.table_name === table && row.column_name === column)?.data_type;
    expect(type('customers', 'email')).toBe('character varying');
    expect(type('customers', 'total_lifetime_value')).toBe('numeric');
    expect(type('products', 'tags')).toBe('ARRAY');
    expect(type('products', 'metadata')).toBe('jsonb');
    expect(type('sales_transactions', 'transaction_date')).toBe('timestamp with time zone');
    expect(type('sales_transaction_items', 'store_id')).toBe('character varying');
    expect(type('product_embeddings', 'store_id')).toBe('character varying');
  });

  it('seeds the 4 Lab 04 stores and the 7 categories', async () => {
    const stores = await database.db.query<{ store_id: string }>('SELECT store_id FROM retail.stores ORDER BY store_id');
    expect(stores.rows.map((row) => row.store_id)).toEqual(['bellevue', 'online', 'redmond', 'seattle']);
    const categories = await database.db.query<{ category_name: string }>('SELECT category_name FROM retail.product_categories ORDER BY category_id');
    expect(categories.rows.map((row) => row.category_name)).toEqual([
      'Electronics', 'Clothing', 'Home & Garden', 'Sports & Outdoors', 'Books & Media', 'Health & Beauty', 'Automotive',
    ]);
  });

  it('pins search_path on every SECURITY DEFINER function', async () => {
    const { rows } = await database.db.query<{ proname: string; config: string[] | null }>(
      "SELECT p.proname, p.proconfig AS config FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname IN ('retail', 'retail_private') AND p.prosecdef",
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row.config?.some((setting) => setting.startsWith('search_path=')), row.proname).toBe(true);
  });

  it('answers the monitoring views, and slow_queries says when statistics are unavailable', async () => {
    const stats = await database.db.query<{ tablename: string }>('SELECT tablename FROM retail.table_stats');
    expect(stats.rows.map((row) => row.tablename)).toEqual(expect.arrayContaining([...LAB_TABLES]));
    const usage = await database.db.query<{ indexname: string }>('SELECT indexname FROM retail.index_usage');
    expect(usage.rows.length).toBeGreaterThan(30);
    await database.db.query('SELECT count(*) FROM retail.slow_queries');
    const slow = await database.db.query<{ status: string; calls: number | null }>('SELECT status, calls FROM retail.slow_query_stats(0) LIMIT 5');
    expect(slow.rows.length).toBeGreaterThan(0);
    if (!ENGINE_TRAITS[kind].native) expect(slow.rows[0]?.status).toMatch(/^unavailable: /);
    else expect(slow.rows.map((row) => row.status)).toEqual(slow.rows.map(() => 'ok'));
  });

  it('creates the vector objects exactly where pgvector exists', async () => {
    const { rows } = await database.db.query<{ has_column: boolean; has_function: boolean }>(`
      SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'retail' AND table_name = 'product_embeddings' AND column_name = 'embedding') AS has_column,
             EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'retail' AND p.proname = 'search_products_by_similarity') AS has_function`);
    const expected = ENGINE_TRAITS[kind].pgvector;
    expect(rows[0]).toEqual({ has_column: expected, has_function: expected });
  });
});
