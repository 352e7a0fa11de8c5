import type { Command } from '../command.js';
declare const head: Command;
export default head;
