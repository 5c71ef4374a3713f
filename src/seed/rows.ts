/**
 * The generated rows, one interface per table, with the tables' column names.
 * Money and other DECIMAL columns are numbers (dollars with two decimals, as the
 * database port returns them); DATE columns are `YYYY-MM-DD`; timestamps are ISO
 * strings in UTC, so a dataset serialises byte for byte the same every time.
 */
export type LoyaltyTier = 'bronze' | 'silver' | 'gold' | 'platinum';
export type TransactionType = 'sale' | 'return' | 'exchange';
export type PaymentMethod = 'credit_card' | 'debit_card' | 'cash' | 'digital_wallet';
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface CustomerRow {
  customer_id: string;
  store_id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  date_of_birth: string;
  gender: string | null;
  customer_since: string;
  loyalty_tier: LoyaltyTier;
  total_lifetime_value: number;
  created_at: string;
  updated_at: string;
}

export interface ProductRow {
  product_id: string;
  store_id: string;
  sku: string;
  product_name: string;
  product_description: string;
  category_id: number;
  brand: string;
  model: string | null;
  color: string | null;
  size: string | null;
  weight_kg: number;
  dimensions_cm: string;
  price: number;
  cost: number;
  current_stock: number;
  minimum_stock: number;
  maximum_stock: number;
  reorder_point: number;
  supplier_name: string;
  supplier_sku: string;
  is_active: boolean;
  is_featured: boolean;
  rating_average: number;
  rating_count: number;
  tags: string[];
  metadata: { [key: string]: JsonValue };
  created_at: string;
  updated_at: string;
}

export interface TransactionRow {
  transaction_id: string;
  store_id: string;
  customer_id: string | null;
  transaction_date: string;
  transaction_type: TransactionType;
  payment_method: PaymentMethod;
  subtotal: number;
  tax_amount: number;
  discount_amount: number;
  total_amount: number;
  cashier_id: string | null;
  register_id: string;
  receipt_number: string;
  notes: string | null;
  metadata: { [key: string]: JsonValue };
  created_at: string;
}

export interface TransactionItemRow {
  item_id: string;
  store_id: string;
  transaction_id: string;
  product_id: string;
  quantity: number;
  unit_price: number;
  total_price: number;
  discount_amount: number;
  tax_amount: number;
  created_at: string;
}

export interface Dataset {
  customers: CustomerRow[];
  products: ProductRow[];
  transactions: TransactionRow[];
  items: TransactionItemRow[];
}

/** Rows inserted per table. */
export interface LoadCounts {
  customers: number;
  products: number;
  transactions: number;
  items: number;
}
