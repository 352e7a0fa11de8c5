import { indexView, MAX_INDEX_KEY_BYTES } from './index-view.js';
function indexableTags(record) {
    const tags = record.tags;
    if (tags === undefined || tags.length === 0)
        return undefined;
    return tags.some((tag) => tag.length * 3 > MAX_INDEX_KEY_BYTES)
        ? tags.filter((tag) => Buffer.byteLength(tag) <= MAX_INDEX_KEY_BYTES)
        : tags;
}
export function tagsView() {
    return indexView({
        name: 'tags',
        version: 1,
        description: 'Records by tag, oldest first (reverse for newest first)',
        keyParam: 'tag',
        keys: indexableTags,
    });
}
//# sourceMappingURL=tags-view.js.map