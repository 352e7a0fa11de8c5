import type { Command } from '../command.js';
declare const read: Command;
export default read;
