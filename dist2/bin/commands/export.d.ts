import type { Command } from '../command.js';
declare const exportCommand: Command;
export default exportCommand;
