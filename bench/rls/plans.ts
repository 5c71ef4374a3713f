/** Where the store filter sits in a plan: what the EXPLAIN evidence of bench:rls is made of. */
export interface ScanEvidence {
  relation: string;
  node: string;
  index?: string;
  /** 'index condition': the store predicate is in the Index Cond (or the bitmap index scan's); 'filter': only in a Filter; 'none': not on this scan. */
  store: 'index condition' | 'filter' | 'none';
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  Plans?: PlanNode[];
}

const TENANT_TABLES = new Set(['customers', 'products', 'sales_transactions', 'sales_transaction_items', 'product_embeddings']);
/** The store predicate, as PostgreSQL prints the policy's (`store_id = ANY (string_to_array(current_setting(...)))`) and the owner's (`store_id = ANY ('{seattle}')`); a join on store_id is not it. */
const STORE_FILTER = /\bstore_id\)?(?:::text)? = ANY \(/;

function bitmapIndexConds(node: PlanNode): string[] {
  return (node.Plans ?? []).flatMap((child) => (child['Index Cond'] ? [child['Index Cond']] : bitmapIndexConds(child)));
}

/** Every scan of a tenant table in an EXPLAIN (FORMAT JSON) plan, with where its store predicate is applied. */
export function storeFilterEvidence(plan: unknown): ScanEvidence[] {
  const root = (plan as { Plan: PlanNode }[])[0]!.Plan;
  const scans: ScanEvidence[] = [];
  const visit = (node: PlanNode) => {
    const relation = node['Relation Name'];
    if (relation && TENANT_TABLES.has(relation)) {
      const indexConds = [node['Index Cond'] ?? '', ...(node['Node Type'] === 'Bitmap Heap Scan' ? bitmapIndexConds(node) : [])];
      const inIndex = indexConds.some((cond) => STORE_FILTER.test(cond));
      const inFilter = STORE_FILTER.test(node.Filter ?? '');
      scans.push({
        relation,
        node: node['Node Type'],
        ...(node['Index Name'] ? { index: node['Index Name'] } : {}),
        store: inIndex ? 'index condition' : inFilter ? 'filter' : 'none',
      });
    }
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(root);
  return scans;
}

export function describeScans(scans: readonly ScanEvidence[]): string {
  return scans.map((scan) => `${scan.relation}: ${scan.node}${scan.index ? ` ${scan.index}` : ''} (store ${scan.store === 'none' ? 'not filtered here' : `in ${scan.store}`})`).join('; ');
}
