// First-party `types` view: records by event type. `records` {type, cursor?, limit?, reverse?} -> {records, cursor}.
import { indexView } from './index-view.js';

export function typesView() {
  return indexView({
    name: 'types',
    version: 2,
    description: 'Records by event type, oldest first (reverse for newest first)',
    keyParam: 'type',
    dropDeletedStreams: true,
    keys: (record) => record.type,
  });
}
