export const ACCOUNTS = 10_000;
export function depositBatch(startIndex, size) {
    const writes = new Array(size);
    for (let i = 0; i < size; i++) {
        const n = startIndex + i;
        const account = `acct-${n % ACCOUNTS}`;
        writes[i] = { stream: account, events: [{ type: 'deposit', data: { type: 'deposit', account, amount: (n * 7919) % 1000 } }] };
    }
    return writes;
}
//# sourceMappingURL=workload.js.map