declare const _default: {
    name: string;
    views: import("../../store/index.js").ViewDefinition[];
};
export default _default;
