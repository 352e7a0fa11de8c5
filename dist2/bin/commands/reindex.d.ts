import type { Command } from '../command.js';
declare const reindex: Command;
export default reindex;
