import type { FuncCall } from 'libpg-query';
import { checkCurrentSettingCall, checkFormatCall, checkPaddingCall } from './functionArguments.js';

/** Schemas a function may be qualified with; the allowed functions live in exactly these. */
export type FunctionHome = 'pg_catalog' | 'public' | 'retail';

export interface FunctionRule {
  readonly homes: ReadonlySet<FunctionHome>;
  /** Extra rule on the arguments; returns the reason to refuse, if any. */
  readonly checkCall?: (call: FuncCall, name: string) => string | undefined;
}

/*
 * Built-in functions that only compute: they cannot change settings or roles,
 * read files or large objects, sleep, lock, notify, touch sequences, call other
 * systems or reveal other sessions. Left out on purpose, with their reason:
 *  - repeat, array_fill: one call allocates up to 1 GB, and PGlite's WebAssembly
 *    memory never shrinks again (lpad/rpad/format are allowed with a bounded width).
 *  - pg_backend_pid, version, current_database, system_user, inet_*: server facts no
 *    analysis needs (pg_backend_pid is also an input of the store-context token).
 *  - to_reg*, has_*_privilege, pg_get_*, obj_description...: catalog lookups.
 *  - ts_stat, ts_rewrite, query_to_xml & co.: they run SQL given as text.
 *  - xml functions, setseed, set_limit, uuid_generate_v1*: XML parsing, session state, MAC address.
 */
const CATALOG_FUNCTIONS = [
  // aggregates (plain, statistical, ordered-set and hypothetical-set)
  'count', 'sum', 'avg', 'min', 'max', 'every', 'bool_and', 'bool_or', 'bit_and', 'bit_or', 'bit_xor', 'any_value',
  'stddev', 'stddev_pop', 'stddev_samp', 'variance', 'var_pop', 'var_samp', 'corr', 'covar_pop', 'covar_samp',
  'regr_avgx', 'regr_avgy', 'regr_count', 'regr_intercept', 'regr_r2', 'regr_slope', 'regr_sxx', 'regr_sxy', 'regr_syy',
  'array_agg', 'string_agg', 'json_agg', 'jsonb_agg', 'json_agg_strict', 'jsonb_agg_strict', 'json_object_agg',
  'jsonb_object_agg', 'json_object_agg_strict', 'jsonb_object_agg_strict', 'json_object_agg_unique',
  'jsonb_object_agg_unique', 'json_object_agg_unique_strict', 'jsonb_object_agg_unique_strict',
  'percentile_cont', 'percentile_disc', 'mode',
  // window functions (rank & co. are also hypothetical-set aggregates)
  'row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'first_value', 'last_value',
  'nth_value',
  // math
  'abs', 'cbrt', 'ceil', 'ceiling', 'degrees', 'div', 'exp', 'factorial', 'floor', 'gcd', 'lcm', 'ln', 'log', 'log10',
  'min_scale', 'mod', 'pi', 'power', 'pow', 'radians', 'round', 'scale', 'sign', 'sqrt', 'trim_scale', 'trunc',
  'width_bucket', 'random', 'random_normal', 'acos', 'acosd', 'asin', 'asind', 'atan', 'atand', 'atan2', 'atan2d', 'cos',
  'cosd', 'cot', 'cotd', 'sin', 'sind', 'tan', 'tand', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'erf', 'erfc',
  'gamma', 'lgamma',
  // strings (SQL syntax such as TRIM, SUBSTRING, POSITION, OVERLAY, LIKE ... ESCAPE,
  // SIMILAR TO, IS NORMALIZED and COLLATION FOR calls the pg_catalog names here)
  'length', 'char_length', 'character_length', 'octet_length', 'bit_length', 'lower', 'upper', 'initcap', 'casefold',
  'substr', 'substring', 'left', 'right', 'strpos', 'position', 'split_part', 'btrim', 'ltrim', 'rtrim', 'replace',
  'translate', 'concat', 'concat_ws', 'reverse', 'starts_with', 'ascii', 'chr', 'to_hex', 'to_bin', 'to_oct', 'overlay',
  'regexp_match', 'regexp_matches', 'regexp_replace', 'regexp_split_to_array', 'regexp_split_to_table', 'regexp_count',
  'regexp_instr', 'regexp_like', 'regexp_substr', 'string_to_array', 'string_to_table', 'array_to_string', 'quote_ident',
  'quote_literal', 'quote_nullable', 'md5', 'sha224', 'sha256', 'sha384', 'sha512', 'crc32', 'crc32c', 'encode', 'decode',
  'convert_to', 'convert_from', 'normalize', 'is_normalized', 'unistr', 'like_escape', 'similar_to_escape',
  'similar_escape', 'pg_collation_for', 'lpad', 'rpad', 'format',
  // date and time (EXTRACT calls extract, AT TIME ZONE calls timezone, OVERLAPS calls overlaps)
  'now', 'clock_timestamp', 'statement_timestamp', 'transaction_timestamp', 'timeofday', 'date_trunc', 'date_part',
  'extract', 'date_bin', 'date_add', 'date_subtract', 'make_date', 'make_time', 'make_timestamp', 'make_timestamptz',
  'make_interval', 'age', 'to_char', 'to_date', 'to_timestamp', 'to_number', 'justify_days', 'justify_hours',
  'justify_interval', 'isfinite', 'timezone', 'overlaps', 'generate_series', 'generate_subscripts',
  // ranges
  'daterange', 'tstzrange', 'tsrange', 'int4range', 'int8range', 'numrange', 'isempty', 'lower_inc', 'upper_inc',
  'lower_inf', 'upper_inf', 'range_merge',
  // json and jsonb
  'to_json', 'to_jsonb', 'row_to_json', 'array_to_json', 'json_build_object', 'jsonb_build_object', 'json_build_array',
  'jsonb_build_array', 'json_object', 'jsonb_object', 'json_array_length', 'jsonb_array_length', 'json_each', 'jsonb_each',
  'json_each_text', 'jsonb_each_text', 'json_extract_path', 'jsonb_extract_path', 'json_extract_path_text',
  'jsonb_extract_path_text', 'json_object_keys', 'jsonb_object_keys', 'json_array_elements', 'jsonb_array_elements',
  'json_array_elements_text', 'jsonb_array_elements_text', 'json_typeof', 'jsonb_typeof', 'json_strip_nulls',
  'jsonb_strip_nulls', 'jsonb_pretty', 'jsonb_set', 'jsonb_set_lax', 'jsonb_insert', 'json_populate_record',
  'jsonb_populate_record', 'json_populate_recordset', 'jsonb_populate_recordset', 'json_to_record', 'jsonb_to_record',
  'json_to_recordset', 'jsonb_to_recordset', 'jsonb_path_exists', 'jsonb_path_match', 'jsonb_path_query',
  'jsonb_path_query_array', 'jsonb_path_query_first', 'jsonb_path_exists_tz', 'jsonb_path_match_tz',
  'jsonb_path_query_tz', 'jsonb_path_query_array_tz', 'jsonb_path_query_first_tz',
  // arrays
  'array_length', 'array_lower', 'array_upper', 'array_ndims', 'array_dims', 'cardinality', 'array_append',
  'array_prepend', 'array_cat', 'array_remove', 'array_replace', 'array_position', 'array_positions', 'unnest',
  'array_sample', 'array_shuffle', 'trim_array', 'array_reverse', 'array_sort',
  // full-text search
  'to_tsvector', 'to_tsquery', 'plainto_tsquery', 'phraseto_tsquery', 'websearch_to_tsquery', 'ts_rank', 'ts_rank_cd',
  'ts_headline', 'setweight', 'strip', 'numnode', 'querytree', 'tsvector_to_array', 'array_to_tsvector', 'ts_delete',
  'ts_filter', 'tsquery_phrase', 'get_current_ts_config',
  // uuid
  'gen_random_uuid', 'uuidv4', 'uuidv7', 'uuid_extract_timestamp', 'uuid_extract_version',
  // conditional and introspection of values (COALESCE, NULLIF, GREATEST, LEAST are not calls)
  'num_nulls', 'num_nonnulls', 'pg_typeof', 'pg_column_size', 'pg_size_pretty', 'pg_size_bytes',
  // function-style casts to allowed types
  'int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'text', 'date', 'bool', 'timestamp', 'timestamptz', 'interval',
  'time', 'varchar',
  // read only app.current_store_id; checkCurrentSettingCall enforces it
  'current_setting',
];

/** Extensions in schema public: pg_trgm (not set_limit), pgvector, uuid-ossp (not v1), pgcrypto's gen_random_uuid. */
const PUBLIC_FUNCTIONS = [
  'similarity', 'word_similarity', 'strict_word_similarity', 'show_trgm',
  'cosine_distance', 'l2_distance', 'inner_product', 'l1_distance', 'vector_dims', 'vector_norm', 'l2_normalize',
  'l2_norm', 'subvector', 'binary_quantize', 'hamming_distance', 'jaccard_distance', 'avg', 'sum',
  'uuid_generate_v3', 'uuid_generate_v4', 'uuid_generate_v5', 'uuid_nil', 'uuid_ns_dns', 'uuid_ns_oid', 'uuid_ns_url',
  'uuid_ns_x500', 'gen_random_uuid',
];

/** The retail functions granted to mcp_user that only read (not set_store_context). */
const RETAIL_FUNCTIONS = ['current_store_ids', 'verified_store_ids', 'search_products_by_similarity'];

const ARGUMENT_CHECKS: ReadonlyMap<string, NonNullable<FunctionRule['checkCall']>> = new Map([
  ['current_setting', checkCurrentSettingCall],
  ['lpad', checkPaddingCall],
  ['rpad', checkPaddingCall],
  ['format', checkFormatCall],
]);

function buildAllowlist(): ReadonlyMap<string, FunctionRule> {
  const homes = new Map<string, Set<FunctionHome>>();
  const add = (home: FunctionHome, names: readonly string[]) => {
    for (const name of names) {
      const set = homes.get(name) ?? new Set<FunctionHome>();
      set.add(home);
      homes.set(name, set);
    }
  };
  add('pg_catalog', CATALOG_FUNCTIONS);
  add('public', PUBLIC_FUNCTIONS);
  add('retail', RETAIL_FUNCTIONS);
  const rules = new Map<string, FunctionRule>();
  for (const [name, set] of homes) {
    const checkCall = ARGUMENT_CHECKS.get(name);
    rules.set(name, checkCall ? { homes: set, checkCall } : { homes: set });
  }
  return rules;
}

/** Keyed by the parser's folded name; a Map, so names like `constructor` find nothing. */
export const ALLOWED_FUNCTIONS: ReadonlyMap<string, FunctionRule> = buildAllowlist();
