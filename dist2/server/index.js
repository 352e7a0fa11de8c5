// The server's public entry points: build the app (embedding, tests) or start a listening server.
export { buildApp } from './build-app.js';
export { startServer } from './start.js';
export { loadConfig, resolveConfig, DEFAULT_CONFIG } from '../config/config.js';
//# sourceMappingURL=index.js.map