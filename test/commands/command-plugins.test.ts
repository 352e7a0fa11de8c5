// Commands declared in plugins: checked when the store opens (a bad declaration stops start-up with
// SLUICE_ERR_PLUGIN_INVALID naming the plugin and the problem), listed and run by name through store.commands.
import { expect } from 'chai';
import { defineCommands, type StateDefinition } from '../../core/commands/command-definition.js';
import { isSluiceError } from '../../core/errors.js';
import { useViewTestKit } from '../helpers/view-test-kit.js';

const state: StateDefinition<number> = { initial: 0, evolve: (n) => n + 1 };
const valid = { params: { type: 'object' }, stream: () => 's', decide: () => ({ type: 'T' }) };

describe('plugin commands', () => {
  const kit = useViewTestKit();

  context('when a declaration breaks the contract', () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['a bad name', { commands: { 'no spaces': { ...valid, state } } }, /command name "no spaces"/],
      ['commands that are not an object', { commands: [] }, /commands must be an object/],
      ['no params schema', { commands: { c: { ...valid, state, params: undefined } } }, /params JSON schema/],
      ['params that are not an object schema', { commands: { c: { ...valid, state, params: { type: 'string' } } } }, /params JSON schema/],
      ['no state', { commands: { c: valid } }, /needs a state/],
      ['no stream function', { commands: { c: { ...valid, state, stream: 's' } } }, /stream must be a function/],
      ['no decide function', { commands: { c: { ...valid, state, decide: undefined } } }, /decide must be a function/],
      ['a bad maxAttempts', { commands: { c: { ...valid, state, maxAttempts: 0 } } }, /maxAttempts/],
      ['an invalid params schema', { commands: { c: { ...valid, state, params: { type: 'object', properties: { a: { type: 'nonsense' } } } } } }, /invalid params schema/],
    ];
    for (const [what, plugin, reason] of cases) {
      it(`refuses to open the store for ${what}`, async () => {
        const err = await kit.open({ dataDir: kit.dir(), plugins: [{ name: 'p', ...(plugin as object) }] }).catch((e: unknown) => e);
        expect(isSluiceError(err, 'PLUGIN_INVALID'), String(err)).to.equal(true);
        expect((err as Error).message).to.match(reason);
      });
    }

    it('refuses two plugins declaring the same command name', async () => {
      const commands = defineCommands(state, { c: valid });
      const err = await kit.open({ dataDir: kit.dir(), plugins: [{ name: 'a', commands }, { name: 'b', commands }] }).catch((e: unknown) => e);
      expect(isSluiceError(err, 'PLUGIN_INVALID')).to.equal(true);
      expect((err as Error).message).to.include('already taken by plugin a');
    });
  });

  context('when the declarations are valid', () => {
    it('lists them with their plugin and runs them by name, filling schema defaults', async () => {
      const store = await kit.open({
        dataDir: kit.dir(),
        plugins: [{
          name: 'counters',
          commands: defineCommands(state, {
            bump: {
              description: 'bumps',
              params: { type: 'object', properties: { id: { type: 'string', default: 'one' } } },
              stream: (p: { id: string }) => `c-${p.id}`,
              decide: (n, _p, ctx) => ({ type: 'Bumped', data: { n, revision: ctx.revision } }),
            },
          }),
        }],
      });
      expect(store.commands.list()).to.deep.equal([{ name: 'bump', plugin: 'counters', description: 'bumps', params: { type: 'object', properties: { id: { type: 'string', default: 'one' } } } }]);
      expect(await store.commands.execute('bump', {})).to.deep.include({ command: 'bump', stream: 'c-one', revision: 0, attempts: 1 });
      const second = await store.commands.execute('bump', { id: 'one' });
      expect((await store.log.read(second.lastOffset!)).data).to.deep.equal({ n: 1, revision: 0 });
      const unknown = await store.commands.execute('nope', {}).catch((e: unknown) => e);
      expect(isSluiceError(unknown, 'COMMAND_NOT_FOUND')).to.equal(true);
    });
  });
});
