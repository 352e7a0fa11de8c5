// First-party `tags` view: records by tag. `records` {tag, cursor?, limit?, reverse?} -> {records, cursor}.
// Tags longer than MAX_INDEX_KEY_BYTES are not indexed (LMDB bounds key size).
import type { LogRecord } from '../core/log/event-log.js';
import { indexView, MAX_INDEX_KEY_BYTES } from './index-view.js';

function indexableTags(record: LogRecord): readonly string[] | undefined {
  const tags = record.tags;
  if (tags === undefined || tags.length === 0) return undefined;
  return tags.some((tag) => tag.length * 3 > MAX_INDEX_KEY_BYTES)
    ? tags.filter((tag) => Buffer.byteLength(tag) <= MAX_INDEX_KEY_BYTES)
    : tags;
}

export function tagsView() {
  return indexView({
    name: 'tags',
    version: 2,
    description: 'Records by tag, oldest first (reverse for newest first)',
    keyParam: 'tag',
    dropDeletedStreams: true,
    keys: indexableTags,
  });
}
