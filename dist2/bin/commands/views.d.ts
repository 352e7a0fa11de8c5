import type { Command } from '../command.js';
declare const views: Command;
export default views;
