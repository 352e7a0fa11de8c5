#!/usr/bin/env node
import type { CommandIo } from './command.js';
export declare function main(argv: readonly string[], io: CommandIo, env: NodeJS.ProcessEnv, cwd: string): Promise<number>;
