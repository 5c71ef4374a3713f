import { describe, expect, it } from 'vitest';
import { redactPlanLines } from '../../src/services/explainRedaction.js';

const PLAN = [
  'Bitmap Heap Scan on customers  (cost=4.5..20.1 rows=40 width=120) (actual time=9.913..20.858 rows=97.00 loops=1)',
  "  Recheck Cond: ((loyalty_tier)::text = 'gold'::text)",
  '  Filter: ((store_id)::text = ANY (retail.current_store_ids()))',
  '  Rows Removed by Filter: 218',
  '  Heap Blocks: exact=28',
  '  Buffers: shared hit=12 read=28 dirtied=27',
  '  ->  Bitmap Index Scan on idx_customers_loyalty_tier  (cost=0.00..4.4 rows=315 width=0) (actual time=9.674..9.676 rows=315.00 loops=1)',
  "        Index Cond: ((loyalty_tier)::text = 'gold'::text)",
  'Planning:',
  '  Buffers: shared hit=35 read=1 dirtied=3',
  'Planning Time: 1.290 ms',
  'Execution Time: 21.139 ms',
];

describe('EXPLAIN redaction', () => {
  it('removes every row count, estimate and buffer figure that could count other stores', () => {
    const redacted = redactPlanLines(PLAN).join('\n');
    expect(redacted).not.toMatch(/rows=|cost=|Rows Removed|Buffers|Heap Blocks|315|218/);
  });

  it('keeps the plan shape, conditions, index names and timings', () => {
    expect(redactPlanLines(PLAN)).toEqual([
      'Bitmap Heap Scan on customers  (actual time=9.913..20.858 loops=1)',
      "  Recheck Cond: ((loyalty_tier)::text = 'gold'::text)",
      '  Filter: ((store_id)::text = ANY (retail.current_store_ids()))',
      '  ->  Bitmap Index Scan on idx_customers_loyalty_tier  (actual time=9.674..9.676 loops=1)',
      "        Index Cond: ((loyalty_tier)::text = 'gold'::text)",
      'Planning Time: 1.290 ms',
      'Execution Time: 21.139 ms',
    ]);
  });
});
