import type { Command } from '../command.js';
declare const append: Command;
export default append;
