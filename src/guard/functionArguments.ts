import type { A_Const, FuncCall, Node } from 'libpg-query';

/** The only setting a model may read: its own store context (RLS already narrows rows to it). */
export const READABLE_SETTING = 'app.current_store_id';

/** lpad/rpad produce exactly this many characters at most; nesting cannot grow it. */
export const MAX_PADDED_LENGTH = 1000;

/** Widest field a format() specifier may ask for. */
export const MAX_FORMAT_WIDTH = 1000;

function constantOf(node: Node | undefined): A_Const | undefined {
  return node !== undefined && 'A_Const' in node ? node.A_Const : undefined;
}

function isPlainCall(call: FuncCall): boolean {
  return !call.agg_star && !call.agg_distinct && !call.func_variadic && !call.agg_within_group && call.over === undefined &&
    call.agg_filter === undefined && (call.agg_order?.length ?? 0) === 0;
}

/**
 * current_setting('app.current_store_id'[, missing_ok]) with literals only: any
 * other setting may be a secret (the context token) or reveal the server.
 */
export function checkCurrentSettingCall(call: FuncCall, name: string): string | undefined {
  const args = call.args ?? [];
  const setting = constantOf(args[0])?.sval?.sval;
  const missingOk = args[1];
  const literalFlag = missingOk === undefined || constantOf(missingOk)?.boolval !== undefined;
  if (!isPlainCall(call) || args.length < 1 || args.length > 2 || setting !== READABLE_SETTING || !literalFlag) {
    const which = setting === undefined ? 'a computed name' : `'${setting}'`;
    return `function ${name} is only allowed as ${name}('${READABLE_SETTING}') or ${name}('${READABLE_SETTING}', true|false), not with ${which}`;
  }
  return undefined;
}

/** lpad/rpad with a literal length up to MAX_PADDED_LENGTH: the result never exceeds it. */
export function checkPaddingCall(call: FuncCall, name: string): string | undefined {
  const length = constantOf(call.args?.[1])?.ival;
  const value = length === undefined ? undefined : (length.ival ?? 0);
  if (!isPlainCall(call) || value === undefined || value > MAX_PADDED_LENGTH) {
    return `function ${name} is only allowed with a literal length of at most ${MAX_PADDED_LENGTH}`;
  }
  return undefined;
}

/**
 * format() with a literal format string whose widths are literal and at most
 * MAX_FORMAT_WIDTH: `%*s` with a computed width would pad to any size.
 */
export function checkFormatCall(call: FuncCall, name: string): string | undefined {
  const template = constantOf(call.args?.[0])?.sval?.sval;
  const problem = `function ${name} is only allowed with a literal format string and field widths of at most ${MAX_FORMAT_WIDTH}`;
  if (!isPlainCall(call) || template === undefined) return problem;
  for (const [, width] of template.matchAll(/%(?:\d+\$)?-*(\*(?:\d+\$)?|\d+)?[sIL%]/g)) {
    if (width !== undefined && (width.startsWith('*') || Number(width) > MAX_FORMAT_WIDTH)) return problem;
  }
  // A specifier the pattern does not recognise is refused rather than guessed at.
  if (template.replace(/%(?:\d+\$)?-*(\*(?:\d+\$)?|\d+)?[sIL%]/g, '').includes('%')) return problem;
  return undefined;
}
