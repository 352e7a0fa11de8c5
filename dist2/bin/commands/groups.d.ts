import type { Command } from '../command.js';
declare const groups: Command;
export default groups;
