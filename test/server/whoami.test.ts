// GET /auth/whoami: which key a request holds (by id, never the key) and its scopes, so clients can offer only what
// the key may do.
import { expect } from 'chai';
import { openHttpFixture, type HttpFixture } from '../helpers/http-fixture.js';

const FULL = 'whoami-full-key-0123456789';
const READ = 'whoami-read-key-0123456789';
const APPEND = 'whoami-append-key-01234567';

describe('server: GET /auth/whoami', () => {
  let fx: HttpFixture;
  afterEach(async () => fx?.close());

  context('when no keys are configured', () => {
    it('answers the anonymous principal with every scope', async () => {
      fx = await openHttpFixture();
      const res = await fx.app.inject('/auth/whoami');
      expect(res.statusCode).to.equal(200);
      expect(res.json()).to.deep.equal({ id: 'anonymous', scopes: ['read', 'append', 'admin'], keysRequired: false });
    });
  });

  context('when keys are configured', () => {
    it('answers the key\'s id and scopes, never the key', async () => {
      fx = await openHttpFixture({ apiKeys: [FULL, `${READ}:read`, `${APPEND}:append`] });
      const full = await fx.app.inject({ url: '/auth/whoami', headers: { authorization: `Bearer ${FULL}` } });
      expect(full.json()).to.deep.equal({ id: 'key-1', scopes: ['read', 'append', 'admin'], keysRequired: true });
      const read = await fx.app.inject({ url: '/auth/whoami', headers: { authorization: `Bearer ${READ}` } });
      expect(read.json()).to.deep.equal({ id: 'key-2', scopes: ['read'], keysRequired: true });
      expect(read.body).not.to.contain(READ);
    });

    it('answers 401 SLUICE_ERR_AUTH_REQUIRED to a wrong key and 403 SLUICE_ERR_AUTH_FORBIDDEN to a key without read', async () => {
      fx = await openHttpFixture({ apiKeys: [FULL, `${APPEND}:append`] });
      const none = await fx.app.inject('/auth/whoami');
      expect(none.statusCode).to.equal(401);
      expect(none.json().code).to.equal('SLUICE_ERR_AUTH_REQUIRED');
      const wrong = await fx.app.inject({ url: '/auth/whoami', headers: { authorization: 'Bearer wrong-key-0123456789abcdef' } });
      expect(wrong.json().code).to.equal('SLUICE_ERR_AUTH_REQUIRED');
      const append = await fx.app.inject({ url: '/auth/whoami', headers: { authorization: `Bearer ${APPEND}` } });
      expect(append.statusCode).to.equal(403);
      expect(append.json().code).to.equal('SLUICE_ERR_AUTH_FORBIDDEN');
    });
  });
});
