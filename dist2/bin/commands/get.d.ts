import type { Command } from '../command.js';
declare const get: Command;
export default get;
