declare const _default: {
    name: string;
    views: import("../core/index.js").ViewDefinition[];
};
export default _default;
