/** The events that move money, with the sign they have on the account's balance. */
export const MOVEMENT_SIGN = { Deposited: 1, Withdrawn: -1, TransferSent: -1, TransferReceived: 1 };
function isAmount(value) {
    return Number.isSafeInteger(value) && value > 0;
}
function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
/** The record as a bank event when it is a well-formed one; undefined for anything else in the log. */
export function bankEvent(record) {
    const { type, data } = record;
    if (!isObject(data))
        return type === 'AccountClosed' ? { type, data: {} } : undefined;
    switch (type) {
        case 'AccountOpened':
            return typeof data.owner === 'string' ? { type, data: { owner: data.owner } } : undefined;
        case 'Deposited':
        case 'Withdrawn':
            return isAmount(data.amount) ? { type, data: { amount: data.amount } } : undefined;
        case 'TransferSent':
            return isAmount(data.amount) && typeof data.to === 'string' && typeof data.transferId === 'string'
                ? { type, data: { amount: data.amount, to: data.to, transferId: data.transferId } } : undefined;
        case 'TransferReceived':
            return isAmount(data.amount) && typeof data.from === 'string' && typeof data.transferId === 'string'
                ? { type, data: { amount: data.amount, from: data.from, transferId: data.transferId } } : undefined;
        case 'WithdrawalDeclined':
            return isAmount(data.amount) && Number.isSafeInteger(data.balance) && (data.via === 'withdrawal' || data.via === 'transfer')
                ? { type, data: { amount: data.amount, balance: data.balance, via: data.via } } : undefined;
        case 'AccountClosed':
            return { type, data: {} };
        default:
            return undefined;
    }
}
/** The signed change a record makes to its account's balance (0 for events that move no money). */
export function balanceChange(record) {
    const event = bankEvent(record);
    if (event === undefined || !(event.type in MOVEMENT_SIGN))
        return 0;
    return MOVEMENT_SIGN[event.type] * event.data.amount;
}
/** Cents as a decimal string: 12345 -> "123.45", -5 -> "-0.05". */
export function formatCents(cents) {
    const sign = cents < 0 ? '-' : '';
    const abs = Math.abs(cents);
    return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
//# sourceMappingURL=bank-events.js.map