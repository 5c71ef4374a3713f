import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { AppServices } from '../appServices.js';
import { registerTool } from '../registerTool.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function registerCurrentDateTool(server: McpServer, app: AppServices, now: () => Date = () => new Date()): void {
  registerTool(server, app.logger, {
    name: 'get_current_utc_date',
    title: 'Current UTC date',
    description: 'The current date and time in UTC, for resolving relative dates such as "last month" before writing a query.',
    inputSchema: {},
    outputSchema: {
      utc_date: z.string().describe('YYYY-MM-DD'),
      utc_datetime: z.string().describe('ISO 8601 timestamp'),
      day_of_week: z.string(),
    },
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
