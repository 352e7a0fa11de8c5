// placeholder until the engine lands
import type { Command } from '../command.js';
const command: Command = { name: 'views', summary: '', help: 'Usage: sluice views', options: {}, async run() { throw new Error('not yet'); } };
export default command;
