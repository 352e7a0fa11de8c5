import type { Command } from '../command.js';
declare const verify: Command;
export default verify;
