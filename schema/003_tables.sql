-- The Lab 04 tables, with store_id on every tenant row and in every key, so that
-- row-level security is a plain indexed equality and the schema can be distributed
-- by store_id (Citus) unchanged.
CREATE SCHEMA IF NOT EXISTS retail;
COMMENT ON SCHEMA retail IS 'Zava Retail: stores, customers, products, sales, embeddings and the audit log. Tenant tables are isolated per store by row-level security.';

CREATE TABLE IF NOT EXISTS retail.stores (
  store_id       VARCHAR(50) PRIMARY KEY,
  store_name     VARCHAR(100) NOT NULL,
  store_location VARCHAR(100),
  store_type     VARCHAR(50),
  region         VARCHAR(50),
  created_at     TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
  updated_at     TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
  is_active      BOOLEAN DEFAULT TRUE
);
COMMENT ON TABLE retail.stores IS 'The tenants: one row per store. A session sees the stores of its store context.';
COMMENT ON COLUMN retail.stores.store_id IS 'Short store key used as the tenant id everywhere, e.g. seattle.';
COMMENT ON COLUMN retail.stores.store_type IS 'flagship, standard or ecommerce.';
COMMENT ON COLUMN retail.stores.region IS 'Sales region; a regional manager is bound to the stores of a region.';

INSERT INTO retail.stores (store_id, store_name, store_location, store_type, region, created_at, updated_at) VALUES
  ('seattle',  'Zava Retail Seattle',  'Seattle, WA',  'flagship',  'west',   '2020-03-02T00:00:00Z', '2020-03-02T00:00:00Z'),
  ('redmond',  'Zava Retail Redmond',  'Redmond, WA',  'standard',  'west',   '2020-06-01T00:00:00Z', '2020-06-01T00:00:00Z'),
  ('bellevue', 'Zava Retail Bellevue', 'Bellevue, WA', 'standard',  'west',   '2021-02-01T00:00:00Z', '2021-02-01T00:00:00Z'),
  ('online',   'Zava Retail Online',   'Digital',      'ecommerce', 'global', '2019-11-15T00:00:00Z', '2019-11-15T00:00:00Z')
ON CONFLICT (store_id) DO NOTHING;

CREATE TABLE IF NOT EXISTS retail.customers (
  customer_id          UUID NOT NULL DEFAULT gen_random_uuid(),
  store_id             VARCHAR(50) NOT NULL REFERENCES retail.stores (store_id),
  first_name           VARCHAR(50) NOT NULL,
  last_name            VARCHAR(50) NOT NULL,
  email                VARCHAR(100) NOT NULL,
  phone                VARCHAR(20),
  date_of_birth        DATE,
  gender               VARCHAR(20),
  customer_since       DATE DEFAULT CURRENT_DATE,
  loyalty_tier         VARCHAR(20) DEFAULT 'bronze',
  total_lifetime_value DECIMAL(10,2) DEFAULT 0.00,
  created_at           TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
  updated_at           TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT customers_pkey PRIMARY KEY (store_id, customer_id),
  -- Unique per store, not globally: a global index would tell one store whether an address shops at another.
  CONSTRAINT unique_email_per_store UNIQUE (store_id, email),
  CONSTRAINT valid_loyalty_tier CHECK (loyalty_tier IN ('bronze', 'silver', 'gold', 'platinum'))
);
COMMENT ON TABLE retail.customers IS 'Customers of a store (a customer belongs to exactly one store).';
COMMENT ON COLUMN retail.customers.loyalty_tier IS 'bronze, silver, gold or platinum.';
COMMENT ON COLUMN retail.customers.total_lifetime_value IS 'Sum of total_amount over the customer''s transactions (returns negative).';

CREATE TABLE IF NOT EXISTS retail.product_categories (
  category_id        SERIAL PRIMARY KEY,
  category_name      VARCHAR(100) NOT NULL UNIQUE,
  parent_category_id INTEGER REFERENCES retail.product_categories (category_id),
  description        TEXT,
  is_active          BOOLEAN DEFAULT TRUE
);
COMMENT ON TABLE retail.product_categories IS 'Product categories shared by all stores (reference data).';

INSERT INTO retail.product_categories (category_id, category_name, description) VALUES
  (1, 'Electronics',       'Electronic devices and accessories'),
  (2, 'Clothing',          'Apparel and fashion items'),
  (3, 'Home & Garden',     'Home improvement and garden supplies'),
  (4, 'Sports & Outdoors', 'Sports equipment and outdoor gear'),
  (5, 'Books & Media',     'Books, movies, and digital media'),
  (6, 'Health & Beauty',   'Health and beauty products'),
  (7, 'Automotive',        'Car parts and automotive accessories')
ON CONFLICT (category_id) DO NOTHING;
SELECT setval(pg_get_serial_sequence('retail.product_categories', 'category_id'), GREATEST(7, (SELECT max(category_id) FROM retail.product_categories)));

CREATE TABLE IF NOT EXISTS retail.products (
  product_id          UUID NOT NULL DEFAULT gen_random_uuid(),
  store_id            VARCHAR(50) NOT NULL REFERENCES retail.stores (store_id),
  sku                 VARCHAR(50) NOT NULL,
  product_name        VARCHAR(200) NOT NULL,
  product_description TEXT,
  category_id         INTEGER REFERENCES retail.product_categories (category_id),
  brand               VARCHAR(100),
  model               VARCHAR(100),
  color               VARCHAR(50),
  size                VARCHAR(50),
  weight_kg           DECIMAL(8,3),
  dimensions_cm       VARCHAR(50),
  price               DECIMAL(10,2) NOT NULL,
  cost                DECIMAL(10,2),
  current_stock       INTEGER DEFAULT 0,
  minimum_stock       INTEGER DEFAULT 0,
  maximum_stock       INTEGER DEFAULT 1000,
  reorder_point       INTEGER DEFAULT 10,
  supplier_name       VARCHAR(100),
  supplier_sku        VARCHAR(50),
  is_active           BOOLEAN DEFAULT TRUE,
  is_featured         BOOLEAN DEFAULT FALSE,
  rating_average      DECIMAL(3,2) DEFAULT 0.00,
  rating_count        INTEGER DEFAULT 0,
  tags                TEXT[],
  metadata            JSONB,
  created_at          TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
  updated_at          TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT products_pkey PRIMARY KEY (store_id, product_id),
  CONSTRAINT unique_sku_per_store UNIQUE (store_id, sku),
  CONSTRAINT nonnegative_price CHECK (price >= 0)
);
COMMENT ON TABLE retail.products IS 'The catalogue of a store: each store stocks its own products.';
COMMENT ON COLUMN retail.products.price IS 'Current shelf price in USD.';
COMMENT ON COLUMN retail.products.cost IS 'Unit cost from the supplier in USD.';
COMMENT ON COLUMN retail.products.reorder_point IS 'Reorder when current_stock falls to or below this level.';
COMMENT ON COLUMN retail.products.size IS 'Only for products that come in sizes (clothing, shoes, some gear); NULL otherwise.';

CREATE TABLE IF NOT EXISTS retail.sales_transactions (
  transaction_id   UUID NOT NULL DEFAULT gen_random_uuid(),
  store_id         VARCHAR(50) NOT NULL REFERENCES retail.stores (store_id),
  customer_id      UUID,
  transaction_date TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
  transaction_type VARCHAR(20) DEFAULT 'sale',
  payment_method   VARCHAR(50),
  subtotal         DECIMAL(10,2) NOT NULL,
  tax_amount       DECIMAL(10,2) DEFAULT 0.00,
  discount_amount  DECIMAL(10,2) DEFAULT 0.00,
  total_amount     DECIMAL(10,2) NOT NULL,
  cashier_id       VARCHAR(50),
  register_id      VARCHAR(50),
  receipt_number   VARCHAR(50),
  notes            TEXT,
  metadata         JSONB,
  created_at       TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT sales_transactions_pkey PRIMARY KEY (store_id, transaction_id),
  CONSTRAINT sales_transactions_customer_fkey FOREIGN KEY (store_id, customer_id) REFERENCES retail.customers (store_id, customer_id),
  CONSTRAINT valid_transaction_type CHECK (transaction_type IN ('sale', 'return', 'exchange')),
  CONSTRAINT valid_payment_method CHECK (payment_method IN ('credit_card', 'debit_card', 'cash', 'digital_wallet')),
  CONSTRAINT total_is_subtotal_plus_tax CHECK (total_amount = subtotal + tax_amount)
);
COMMENT ON TABLE retail.sales_transactions IS 'One receipt: a sale, a return (negative amounts) or an exchange (returned and new lines).';
COMMENT ON COLUMN retail.sales_transactions.subtotal IS 'Sum of the lines'' total_price, after line discounts, before tax.';
COMMENT ON COLUMN retail.sales_transactions.tax_amount IS '8% sales tax on the subtotal.';
COMMENT ON COLUMN retail.sales_transactions.discount_amount IS 'Sum of the lines'' discounts (already deducted in subtotal).';
COMMENT ON COLUMN retail.sales_transactions.total_amount IS 'subtotal + tax_amount: what the customer paid (negative: refunded).';

CREATE TABLE IF NOT EXISTS retail.sales_transaction_items (
  item_id         UUID NOT NULL DEFAULT gen_random_uuid(),
  store_id        VARCHAR(50) NOT NULL,
  transaction_id  UUID NOT NULL,
  product_id      UUID NOT NULL,
  quantity        INTEGER NOT NULL DEFAULT 1,
  unit_price      DECIMAL(10,2) NOT NULL,
  total_price     DECIMAL(10,2) NOT NULL,
  discount_amount DECIMAL(10,2) DEFAULT 0.00,
  tax_amount      DECIMAL(10,2) DEFAULT 0.00,
  created_at      TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT sales_transaction_items_pkey PRIMARY KEY (store_id, item_id),
  CONSTRAINT sales_transaction_items_transaction_fkey FOREIGN KEY (store_id, transaction_id)
    REFERENCES retail.sales_transactions (store_id, transaction_id) ON DELETE CASCADE,
  CONSTRAINT sales_transaction_items_product_fkey FOREIGN KEY (store_id, product_id)
    REFERENCES retail.products (store_id, product_id),
  -- Returned units are negative quantities, so a return's lines (and totals) are negative.
  CONSTRAINT nonzero_quantity CHECK (quantity <> 0),
  CONSTRAINT nonnegative_unit_price CHECK (unit_price >= 0),
  CONSTRAINT line_total_is_price_times_quantity_less_discount CHECK (total_price = unit_price * quantity - discount_amount)
);
COMMENT ON TABLE retail.sales_transaction_items IS 'Lines of a transaction. Negative quantity = units returned.';
COMMENT ON COLUMN retail.sales_transaction_items.total_price IS 'unit_price * quantity - discount_amount.';

CREATE TABLE IF NOT EXISTS retail.product_embeddings (
  embedding_id    UUID NOT NULL DEFAULT gen_random_uuid(),
  product_id      UUID NOT NULL,
  store_id        VARCHAR(50) NOT NULL REFERENCES retail.stores (store_id),
  embedding_text  TEXT NOT NULL,
  embedding_model VARCHAR(100) NOT NULL DEFAULT 'text-embedding-3-small',
  content_hash    TEXT,
  created_at      TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
  updated_at      TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT product_embeddings_pkey PRIMARY KEY (store_id, embedding_id),
  CONSTRAINT unique_product_embedding UNIQUE (store_id, product_id, embedding_model),
  CONSTRAINT product_embeddings_product_fkey FOREIGN KEY (store_id, product_id)
    REFERENCES retail.products (store_id, product_id) ON DELETE CASCADE
);
COMMENT ON TABLE retail.product_embeddings IS 'One embedding per product and model; vectors of different models and dimensions live side by side.';
COMMENT ON COLUMN retail.product_embeddings.content_hash IS 'sha256 of embedding_text; a product whose text changed is embedded again.';

CREATE TABLE IF NOT EXISTS retail.audit_log (
  log_id     UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  table_name VARCHAR(100) NOT NULL,
  action     VARCHAR(50) NOT NULL,
  user_name  VARCHAR(100) NOT NULL DEFAULT current_user,
  store_id   VARCHAR(50),
  record_id  UUID,
  old_values JSONB,
  new_values JSONB,
  metadata   JSONB,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);
COMMENT ON TABLE retail.audit_log IS 'Who changed which row when: written by triggers on customers, products and sales_transactions, and by maintenance.';
