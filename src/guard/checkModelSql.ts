import { checkExplainOptions } from './explainOptions.js';
import { checkInflation } from './inflationCheck.js';
import { parseSql } from './parser.js';
import { resolvePolicy, type ResolvedPolicy } from './policy.js';
import { GuardRefusal, refuse } from './refusal.js';
import { describeUnsafeCharacters, SourceText } from './sourceText.js';
import { describeRefusedStatement } from './statementKinds.js';
import { isolateSingleStatement } from './statementText.js';
import { treeShape } from './treeShape.js';
import type { GuardPolicy, GuardVerdict } from './verdict.js';
import { QueryWalker } from './walker.js';

/**
 * Decides whether model-written SQL may run. Never throws for any input text:
 * every problem, including a failure of the guard itself, is a refused verdict.
 * (A policy that is itself invalid is a programming error and does throw.)
 */
export function checkModelSql(sql: string, policy?: GuardPolicy): GuardVerdict {
  const resolved = resolvePolicy(policy);
  if (typeof sql !== 'string') return { allowed: false, reason: 'the SQL must be a string' };
  const source = new SourceText(sql);
  try {
    return decide(source, resolved);
  } catch (error) {
    if (error instanceof GuardRefusal) {
      return error.byteOffset === undefined
        ? { allowed: false, reason: error.reason }
        : { allowed: false, reason: error.reason, position: source.positionOfByte(error.byteOffset) };
    }
    // Fail closed: a stack overflow on a pathological tree, a parser crash, a bug.
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { allowed: false, reason: `the SQL guard could not analyse this SQL (${detail ?? 'unknown error'})` };
  }
}

function decide(source: SourceText, policy: ResolvedPolicy): GuardVerdict {
  const sql = source.text;
  if (sql.trim() === '') refuse('the SQL is empty');
  if (sql.length > policy.maxSqlLength) refuse(`the SQL is ${sql.length} characters long; at most ${policy.maxSqlLength} are accepted`);
  const unsafe = describeUnsafeCharacters(sql);
  if (unsafe !== undefined) refuse(unsafe);

  const parsed = parseSql(sql);
  if (!parsed.ok) {
    const { message, codePointIndex } = parsed.failure;
    const position = codePointIndex === undefined ? undefined : source.positionOfCodePoint(codePointIndex);
    const reason = `the SQL does not parse: ${message}${position === undefined ? '' : ` (at character ${position})`}`;
    return position === undefined ? { allowed: false, reason } : { allowed: false, reason, position };
  }

  const statement = isolateSingleStatement(source, parsed.tree);
  const node = statement.node as Record<string, Record<string, unknown>> | undefined;
  const type = node ? Object.keys(node)[0] : undefined;
  if (node === undefined || type === undefined || node[type] === undefined) refuse('the statement could not be read');
  const body = node[type];

  let kind: 'select' | 'explain';
  let query: unknown;
  if (type === 'SelectStmt') {
    kind = 'select';
    query = body;
  } else if (type === 'ExplainStmt') {
    kind = 'explain';
    checkExplainOptions(body.options, statement.startByte);
    const inner = body.query as Record<string, Record<string, unknown>> | undefined;
    const innerType = inner ? Object.keys(inner)[0] : undefined;
    if (inner === undefined || innerType === undefined) refuse('EXPLAIN without a statement is not allowed', statement.startByte);
    if (innerType !== 'SelectStmt') {
      const innerBody = inner[innerType] ?? {};
      const where = typeof innerBody.location === 'number' ? innerBody.location : statement.startByte;
      refuse(`EXPLAIN of ${describeRefusedStatement(innerType, innerBody)}`, where);
    }
    query = inner[innerType];
  } else {
    refuse(describeRefusedStatement(type, body), statement.startByte);
  }

  const findings = new QueryWalker(policy).walkSelectStatement(query, statement.startByte);
  checkInflation(query, statement.startByte);

  // The cut text must be the very statement that was checked.
  const reparsed = parseSql(statement.text);
  if (!reparsed.ok || reparsed.tree.stmts?.length !== 1 || treeShape(reparsed.tree.stmts[0]?.stmt) !== treeShape(statement.node)) {
    refuse('the SQL guard could not isolate the statement text exactly');
  }

  return {
    allowed: true,
    kind,
    statementText: statement.text,
    statementPosition: source.positionOfByte(statement.startByte),
    functions: findings.functions,
    relations: findings.relations,
  };
}
