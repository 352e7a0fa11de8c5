// The bank plugin after an upgrade: `balances` at version 2 (adds overdraft attempt counts), the other views as they
// were. Loading it over a store built with version 1 rebuilds `balances` only (see README.md, "Evolving a view").
import { definePlugin } from '../../store/index.js'; // in your project: from 'sluice'
import { balancesView } from './balances-view.js';
import { dailyVolumeView } from './daily-volume-view.js';
import { statementsView } from './statements-view.js';
export default definePlugin({ name: 'bank', views: [balancesView(2), statementsView(), dailyVolumeView()] });
//# sourceMappingURL=bank-plugin-v2.js.map