// The bank views as a plugin module (what the view round worker can load too), at the version SLUICE_TEST_BANK_VERSION gives.
import { definePlugin } from '../../plugins/define-plugin.js';
import { bankViews } from './bank-views.js';

export default definePlugin({ name: 'bank', views: bankViews(Number(process.env.SLUICE_TEST_BANK_VERSION ?? 1)) });
