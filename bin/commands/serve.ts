// placeholder until the engine lands
import type { Command } from '../command.js';
const command: Command = { name: 'serve', summary: '', help: 'Usage: sluice serve', options: {}, async run() { throw new Error('not yet'); } };
export default command;
