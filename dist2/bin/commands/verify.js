import { openLogReader } from '../log-access.js';
const verify = {
    name: 'verify',
    help: `Usage: sluice verify

Scans the whole log and checks every record's checksum, without changing anything.
Prints each damaged offset, then a summary (records, streams, bytes, time).
Exit code 0 when the log is clean, 1 when damage was found.`,
    options: {},
    async run({ dataDir, io }) {
        const log = await openLogReader(dataDir);
        try {
            const report = await log.verify();
            for (const range of report.damaged)
                io.stdout.write(`damaged offset ${range.offset}: ${range.reason}\n`);
            const secs = (report.ms / 1000).toFixed(2);
            io.stdout.write(`${report.records} records, ${report.streams} streams, ${report.bytes} bytes checked in ${secs} s: `
                + (report.damaged.length === 0 ? 'no damage\n' : `${report.damaged.length} damaged\n`));
            if (report.damaged.length === 0)
                return 0;
            io.stderr.write(`sluice verify: the log has damaged records; restore the data directory from a backup, or save the records before the damage with \`sluice export --to ${report.damaged[0].offset}\`.\n`);
            return 1;
        }
        finally {
            await log.close();
        }
    },
};
export default verify;
//# sourceMappingURL=verify.js.map