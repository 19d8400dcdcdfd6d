import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ReadResourceRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { generateAdrByIdResource } from './resources/adr-by-id-resource.js';
import { startAutomaticCleanup, stopAutomaticCleanup } from './resources/resource-cache.js';

const server = new Server({ name: 'mcp-adr-analysis-server', version: '2.0.0' }, { capabilities: { resources: {} } });

server.setRequestHandler(ReadResourceRequestSchema, async request => {
  const url = new URL(request.params.uri);
  const id = url.pathname.split('/').pop() || '';
  const result = await generateAdrByIdResource({ id }, url.searchParams);
  return { contents: [{ uri: request.params.uri, mimeType: result.contentType, text: JSON.stringify(result.data) }] };
});

async function main(): Promise<void> {
  // expired entries that are never read again are swept every five minutes
  startAutomaticCleanup();
  process.on('SIGINT', () => {
    stopAutomaticCleanup();
    process.exit(0);
  });
  await server.connect(new StdioServerTransport());
}

main();
