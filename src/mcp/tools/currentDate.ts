import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { registerTool } from '../registerTool.js';
import type { ToolContext } from '../toolContext.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const currentDateSchema = z.object({
  utc_date: z.string().describe('YYYY-MM-DD'),
  utc_datetime: z.string().describe('ISO 8601 timestamp'),
  day_of_week: z.string(),
});

export function registerCurrentDateTool(server: McpServer, context: ToolContext, now: () => Date = () => new Date()): void {
  registerTool(server, context, {
    name: 'get_current_utc_date',
    title: 'Current UTC date',
    description: 'The current date and time in UTC, for resolving relative dates such as "last month" before writing a query.',
    inputSchema: z.object({}),
    outputSchema: currentDateSchema,
    annotations: { idempotentHint: false },
    handler: async () => {
      const current = now();
      const structured = {
        utc_date: current.toISOString().slice(0, 10),
        utc_datetime: current.toISOString(),
        day_of_week: WEEKDAYS[current.getUTCDay()]!,
      };
      return { structured, text: `${structured.utc_datetime} (${structured.day_of_week}, UTC)` };
    },
  });
}
