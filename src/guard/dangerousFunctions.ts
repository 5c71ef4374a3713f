/**
 * Functions no model query may reach by any spelling: they change settings or
 * roles, read files or large objects, sleep, lock, notify, touch sequences or
 * replication, reach other systems, run SQL text, or reveal other sessions.
 *
 * The function allowlist alone already refuses all of them in a call; this list
 * exists for attribute notation (`x.pg_read_file` meaning `pg_read_file(x)`), so
 * that the guard refuses them there even without an injected catalog and even when
 * a policy declares a column of the same name.
 */
export const DANGEROUS_FUNCTION_NAMES: ReadonlySet<string> = new Set([
  // settings, roles and the store context
  'set_config', 'current_setting', 'set_store_context', 'setseed', 'set_limit', 'pg_reload_conf', 'row_security_active',
  // sleeping and locking
  'pg_sleep', 'pg_sleep_for', 'pg_sleep_until',
  // files and directories
  'pg_read_file', 'pg_read_binary_file', 'pg_stat_file', 'pg_ls_dir', 'pg_ls_logdir', 'pg_ls_waldir', 'pg_ls_tmpdir',
  'pg_ls_archive_statusdir', 'pg_ls_logicalsnapdir', 'pg_ls_logicalmapdir', 'pg_ls_replslotdir', 'pg_ls_summariesdir',
  'pg_file_write', 'pg_file_rename', 'pg_file_unlink', 'pg_file_sync', 'pg_logdir_ls', 'pg_current_logfile',
  // large objects
  'lo_import', 'lo_export', 'lo_get', 'lo_put', 'lo_open', 'lo_close', 'lo_creat', 'lo_create', 'lo_unlink', 'lo_from_bytea',
  'lo_lseek', 'lo_lseek64', 'lo_tell', 'lo_tell64', 'lo_truncate', 'lo_truncate64', 'loread', 'lowrite',
  // other sessions and the server
  'pg_terminate_backend', 'pg_cancel_backend', 'pg_backend_pid', 'pg_blocking_pids', 'pg_safe_snapshot_blocking_pids',
  'pg_stat_get_activity', 'pg_stat_get_backend_activity', 'pg_stat_get_backend_pid', 'pg_log_backend_memory_contexts',
  'pg_rotate_logfile', 'pg_promote', 'pg_switch_wal', 'pg_backup_start', 'pg_backup_stop', 'pg_create_restore_point',
  'pg_wal_replay_pause', 'pg_wal_replay_resume', 'pg_export_snapshot', 'pg_import_system_collations', 'pg_notify',
  'pg_listening_channels', 'pg_stat_reset', 'pg_stat_reset_shared', 'pg_stat_reset_single_table_counters',
  'pg_stat_reset_single_function_counters', 'pg_stat_reset_slru', 'pg_stat_reset_replication_slot',
  'pg_stat_reset_subscription_stats', 'pg_stat_reset_backend_stats', 'pg_drop_replication_slot', 'pg_copy_logical_replication_slot',
  'pg_copy_physical_replication_slot', 'pg_replication_origin_create', 'pg_replication_origin_drop', 'pg_replication_slot_advance',
  // transactions and sequences
  'txid_current', 'txid_current_if_assigned', 'pg_current_xact_id', 'pg_current_xact_id_if_assigned', 'nextval', 'setval',
  'currval', 'lastval',
  // running SQL text or reaching out
  'query_to_xml', 'query_to_xmlschema', 'query_to_xml_and_xmlschema', 'cursor_to_xml', 'cursor_to_xmlschema', 'table_to_xml',
  'table_to_xmlschema', 'table_to_xml_and_xmlschema', 'schema_to_xml', 'schema_to_xmlschema', 'schema_to_xml_and_xmlschema',
  'database_to_xml', 'database_to_xmlschema', 'database_to_xml_and_xmlschema', 'xpath', 'xpath_exists', 'ts_stat', 'ts_rewrite',
  'dblink', 'dblink_exec', 'dblink_connect', 'dblink_connect_u', 'dblink_send_query', 'dblink_get_result', 'dblink_open',
  'dblink_fetch', 'pg_input_is_valid', 'pg_input_error_info',
  // the retail schema's owner-only functions
  'perform_maintenance', 'slow_query_stats', 'audit_trigger', 'context_token', 'ensure_embedding_index',
  // the host's MAC address
  'uuid_generate_v1', 'uuid_generate_v1mc',
]);

/** Families refused by prefix, so that a name added by a later release is refused too. */
export const DANGEROUS_FUNCTION_PREFIXES: readonly string[] = [
  'pg_advisory', 'pg_try_advisory', 'pg_logical', 'pg_create', 'pg_replication', 'pg_stat_reset', 'pg_ls_', 'pg_read_',
  'pg_file_', 'pg_sleep', 'dblink', 'txid_', 'pg_wal_', 'pg_terminate', 'pg_cancel',
];

export function isDangerousFunctionName(name: string): boolean {
  return DANGEROUS_FUNCTION_NAMES.has(name) || DANGEROUS_FUNCTION_PREFIXES.some((prefix) => name.startsWith(prefix));
}
