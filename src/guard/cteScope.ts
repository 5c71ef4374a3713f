/**
 * Which WITH query names an unqualified relation name can mean at one point of a
 * statement, following PostgreSQL: a CTE is visible in the statement that
 * defines it and in that statement's subqueries, never outside it; in a plain
 * WITH a CTE body sees only the CTEs before it, in WITH RECURSIVE all of them.
 * Getting this wrong would let `pg_authid` defined in one subquery vouch for the
 * real pg_authid elsewhere, so it is its own small, tested unit.
 */
export class CteScope {
  static readonly EMPTY = new CteScope(undefined, new Set());

  private constructor(
    private readonly outer: CteScope | undefined,
    private readonly names: ReadonlySet<string>,
  ) {}

  /** A scope nested in this one that also sees `names`. */
  with(names: Iterable<string>): CteScope {
    const added = new Set(names);
    return added.size === 0 ? this : new CteScope(this, added);
  }

  has(name: string): boolean {
    return this.names.has(name) || (this.outer?.has(name) ?? false);
  }
}
