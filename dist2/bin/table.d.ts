export declare function formatBytes(bytes: number): string;
/** Left-aligned columns separated by two spaces; the header row first. */
export declare function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string;
