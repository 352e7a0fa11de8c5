import type { Command } from '../command.js';
declare const importCommand: Command;
export default importCommand;
