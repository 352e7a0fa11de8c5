export {};
//# sourceMappingURL=store-api.js.map