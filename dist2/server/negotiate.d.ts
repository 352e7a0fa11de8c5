/** Picks the media type to answer with, or undefined when the client accepts none of `produces`. */
export declare function negotiate(accept: string | undefined, produces: readonly string[]): string | undefined;
