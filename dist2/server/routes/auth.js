import { ANONYMOUS } from '../access-control.js';
export async function authRoutes(app, ctx) {
    app.post('/auth/sse-token', {
        schema: {
            summary: 'Mint a short-lived token for GET /log as SSE (?token=), bound to this key and its scopes', tags: ['access'],
            response: {
                200: {
                    type: 'object', required: ['token', 'expiresAt'],
                    properties: { token: { type: 'string' }, expiresAt: { type: 'integer', description: 'ms since the epoch' } },
                },
            },
        },
        config: { scope: 'read' },
    }, async (request) => ctx.tokens.mint(request.principal ?? ANONYMOUS));
}
//# sourceMappingURL=auth.js.map