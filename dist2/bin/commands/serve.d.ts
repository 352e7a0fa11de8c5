import type { Command } from '../command.js';
declare const serve: Command;
export default serve;
