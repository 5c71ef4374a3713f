import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { GLOSSARY_TERMS } from '../../services/salesReports/definitions.js';

export const GLOSSARY_URI = 'zava://glossary';

export function renderGlossary(): string {
  const entries = Object.entries(GLOSSARY_TERMS)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([term, definition]) => `- **${term}**: ${definition}`);
  return ['# Zava Retail glossary', '', 'Definitions used by sales_report and expected in free SQL.', '', ...entries, ''].join('\n');
}

export function registerGlossaryResource(server: McpServer): void {
  server.registerResource(
    'glossary',
    GLOSSARY_URI,
    { title: 'Business glossary', description: 'What net sales, returns, average basket and the other report terms mean', mimeType: 'text/markdown' },
    async () => ({ contents: [{ uri: GLOSSARY_URI, mimeType: 'text/markdown', text: renderGlossary() }] }),
  );
}
