// `sluice views skip-damaged <view>`: the operator's way past a damaged log record a view is stalled at. The view's
// builds may then pass over damaged records (those `sluice verify` reports); every range skipped is recorded in the
// view's meta and shown in its status. Offline it opens the store as the writer and waits for the view to catch up;
// with --url it asks the running server (POST /views/:view/skip-damaged).
import type { ViewStatus } from '../core/store-api.js';
import type { ServerConfig } from '../config/config.js';
import { EXIT_FAILURE, EXIT_OK } from './cli-errors.js';
import type { CommandIo } from './command.js';
import { requestJson } from './http-request.js';
import { openStoreWriter } from './store-access.js';

export interface SkipDamagedOptions {
  readonly view: string;
  readonly url?: string;
  readonly apiKey?: string;
  readonly json: boolean;
}

export async function runSkipDamaged(config: ServerConfig, io: CommandIo, options: SkipDamagedOptions): Promise<number> {
  let status: ViewStatus;
  if (options.url !== undefined) {
    status = await requestJson(options.url, 'POST', `/views/${encodeURIComponent(options.view)}/skip-damaged`, undefined, options.apiKey) as unknown as ViewStatus;
  } else {
    const store = await openStoreWriter(config);
    try {
      await store.views.skipDamaged(options.view);
      await store.views.idle();
      status = store.views.statusOf(options.view);
    } finally {
      await store.close();
    }
  }
  if (options.json) io.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
  else {
    for (const range of status.skipped ?? []) io.stdout.write(`skipped damaged offsets ${range.from}..${range.to} (${range.reason})\n`);
    io.stdout.write(`view ${status.name}: ${status.state} at position ${status.position ?? '-'}, ${status.skipped?.length ?? 0} damaged range(s) skipped\n`);
  }
  return status.state === 'stalled' || status.state === 'failed' ? EXIT_FAILURE : EXIT_OK;
}
