export declare const hello: {
    name: string;
    version: number;
    dbs: {
        counts: {};
    };
    apply(record: import("../../store/index.js").LogRecord, { dbs }: import("../../store/index.js").ApplyContext): void;
    queries: {
        count: {
            description: string;
            params: {
                type: string;
                required: string[];
                properties: {
                    type: {
                        type: string;
                    };
                };
                additionalProperties: boolean;
            };
            handler: ({ type }: {
                type: string;
            }, { dbs }: import("../../store/index.js").QueryContext) => {
                type: string;
                count: number;
            };
        };
    };
};
declare const _default: {
    name: string;
    views: {
        name: string;
        version: number;
        dbs: {
            counts: {};
        };
        apply(record: import("../../store/index.js").LogRecord, { dbs }: import("../../store/index.js").ApplyContext): void;
        queries: {
            count: {
                description: string;
                params: {
                    type: string;
                    required: string[];
                    properties: {
                        type: {
                            type: string;
                        };
                    };
                    additionalProperties: boolean;
                };
                handler: ({ type }: {
                    type: string;
                }, { dbs }: import("../../store/index.js").QueryContext) => {
                    type: string;
                    count: number;
                };
            };
        };
    }[];
};
export default _default;
