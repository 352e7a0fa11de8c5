// The bank's views as a Sluice plugin. `sluice serve --config examples/bank/sluice.config.json` loads the compiled
// module (dist/examples/bank/bank-plugin.js); the embedded program passes the same object to openStore.
import { definePlugin } from '../../store/index.js'; // in your project: from 'sluice'
import { balancesView } from './balances-view.js';
import { dailyVolumeView } from './daily-volume-view.js';
import { statementsView } from './statements-view.js';
export default definePlugin({ name: 'bank', views: [balancesView(1), statementsView(), dailyVolumeView()] });
//# sourceMappingURL=bank-plugin.js.map