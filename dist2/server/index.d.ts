export { buildApp, type BuildAppOptions } from './build-app.js';
export { startServer, type RunningServer, type StartOptions } from './start.js';
export { loadConfig, resolveConfig, DEFAULT_CONFIG, type ServerConfig, type ServerConfigInput, type ServerLimits } from '../config/config.js';
