/** The MCP server for Pandora's AI (docs/mcp.md): six read-only tools over one connection's data. */
export { createMcpServer } from './create-mcp-server.js';
export { serveStdio } from './serve-stdio.js';
export { serveHttp, type ServeHttpOptions, type RunningHttpServer } from './serve-http.js';
