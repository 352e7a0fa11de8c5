// placeholder until the engine lands
import type { Command } from '../command.js';
const command: Command = { name: 'reindex', summary: '', help: 'Usage: sluice reindex', options: {}, async run() { throw new Error('not yet'); } };
export default command;
