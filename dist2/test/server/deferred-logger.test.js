import { expect } from 'chai';
import { DeferredLogger } from '../../server/deferred-logger.js';
describe('DeferredLogger', () => {
    function recorder() {
        const lines = [];
        return {
            lines,
            info: (obj, msg) => { lines.push(`info ${JSON.stringify(obj)} ${msg}`); },
            warn: (obj, msg) => { lines.push(`warn ${JSON.stringify(obj)} ${msg}`); },
            error: (obj, msg) => { lines.push(`error ${JSON.stringify(obj)} ${msg}`); },
        };
    }
    it('holds messages until a logger is attached, then sends them in order, and forwards later ones', () => {
        const deferred = new DeferredLogger();
        deferred.info({ view: 'a' }, 'rebuilding view a');
        deferred.warn({ view: 'b' }, 'slow');
        const target = recorder();
        deferred.attach(target);
        deferred.error({ view: 'c' }, 'failed');
        expect(target.lines).to.deep.equal([
            'info {"view":"a"} rebuilding view a',
            'warn {"view":"b"} slow',
            'error {"view":"c"} failed',
        ]);
    });
});
//# sourceMappingURL=deferred-logger.test.js.map