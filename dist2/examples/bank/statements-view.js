// `statements`: an index view of each account's money movements. Its `records` query with `reverse=true` is a
// statement, newest first, paginated by cursor: GET /views/statements/records?account=alice&reverse=true&limit=20
import { indexView } from '../../store/index.js'; // in your project: from 'sluice'
import { bankEvent, MOVEMENT_SIGN } from './bank-events.js';
export function statementsView() {
    return indexView({
        name: 'statements',
        version: 1,
        description: 'Each account\'s deposits, withdrawals and transfers (query with reverse=true for newest first)',
        keyParam: 'account',
        keys: (record) => {
            const event = bankEvent(record);
            return event !== undefined && event.type in MOVEMENT_SIGN ? record.stream : undefined;
        },
    });
}
//# sourceMappingURL=statements-view.js.map