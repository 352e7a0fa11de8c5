// The version of the installed package, read once from its package.json (shown by /metrics, /openapi.json and the console).
import { readFileSync } from 'node:fs';

const packageJson = new URL('../../package.json', import.meta.url);

export const PACKAGE_VERSION: string = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
