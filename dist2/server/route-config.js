export const JSON_ONLY = ['application/json'];
//# sourceMappingURL=route-config.js.map