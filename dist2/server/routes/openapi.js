export async function openapiRoutes(app) {
    app.get('/openapi.json', {
        schema: { hide: true },
        config: { scope: 'read' },
    }, async () => app.swagger());
}
//# sourceMappingURL=openapi.js.map