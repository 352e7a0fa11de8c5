import type { JsonSchema } from '../store-api.js';
export type ParamsValidator = (params: unknown) => Record<string, unknown>;
export declare function compileParams(view: string, query: string, schema: JsonSchema): ParamsValidator;
