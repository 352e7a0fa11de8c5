// Opaque pagination cursors: the position of the last row returned, as base64url JSON. Clients pass them back as is.
import { SluiceError } from '../core/errors.js';
export function encodeCursor(value) {
    return Buffer.from(JSON.stringify(value)).toString('base64url');
}
/** Decodes a cursor and checks its shape with `valid`; a cursor that fails is a 400, never a crash. */
export function decodeCursor(cursor, view, query, valid) {
    let value;
    try {
        value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    }
    catch {
        value = undefined;
    }
    if (!valid(value))
        throw new SluiceError('VIEW_QUERY_INVALID', { view, query, reason: 'cursor is not one this query returned' });
    return value;
}
export const LIMIT_SCHEMA = { type: 'integer', minimum: 1, maximum: 10_000, default: 100, description: 'most results in one page (default 100)' };
export const CURSOR_SCHEMA = { type: 'string', minLength: 1, description: 'the cursor of the previous page' };
export const REVERSE_SCHEMA = { type: 'boolean', default: false, description: 'newest (highest) first' };
//# sourceMappingURL=cursor.js.map