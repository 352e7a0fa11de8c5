import type { Command } from '../command.js';
declare const cat: Command;
export default cat;
