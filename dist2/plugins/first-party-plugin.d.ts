export declare const FIRST_PARTY_PLUGIN_NAME = "sluice";
export declare function firstPartyPlugin(): {
    name: string;
    views: import("../core/index.js").ViewDefinition[];
};
