// The file-system seam under the log. Reads are synchronous (page-cache fast, no promise per record);
// durability (datasync, directory sync) is asynchronous. Tests swap in a crash-simulating implementation.
import * as fs from 'node:fs';
import { dirname, join } from 'node:path';
class NodeLogFile {
    path;
    fd;
    constructor(path, fd) {
        this.path = path;
        this.fd = fd;
    }
    size() {
        return fs.fstatSync(this.fd).size;
    }
    read(buffer, bufferOffset, length, position) {
        let total = 0;
        while (total < length) {
            const n = fs.readSync(this.fd, buffer, bufferOffset + total, length - total, position + total);
            if (n === 0)
                break;
            total += n;
        }
        return total;
    }
    write(buffer, position) {
        let written = 0;
        while (written < buffer.length) {
            written += fs.writeSync(this.fd, buffer, written, buffer.length - written, position + written);
        }
    }
    datasync() {
        return new Promise((resolve, reject) => fs.fdatasync(this.fd, (err) => (err ? reject(err) : resolve())));
    }
    truncate(length) {
        fs.ftruncateSync(this.fd, length);
    }
    close() {
        fs.closeSync(this.fd);
    }
}
function fsyncPath(path) {
    return new Promise((resolve, reject) => {
        fs.open(path, 'r', (openErr, fd) => {
            if (openErr)
                return reject(openErr);
            fs.fsync(fd, (syncErr) => fs.close(fd, () => (syncErr ? reject(syncErr) : resolve())));
        });
    });
}
export class NodeLogFileSystem {
    openFile(path, mode) {
        const flags = mode === 'read' ? fs.constants.O_RDONLY : fs.constants.O_RDWR | fs.constants.O_CREAT;
        return new NodeLogFile(path, fs.openSync(path, flags, 0o644));
    }
    exists(path) {
        return fs.existsSync(path);
    }
    list(dir) {
        return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    }
    mkdirp(dir) {
        fs.mkdirSync(dir, { recursive: true });
    }
    syncDir(dir) {
        return fsyncPath(dir);
    }
    readFile(path) {
        try {
            return fs.readFileSync(path);
        }
        catch (err) {
            if (err.code === 'ENOENT')
                return undefined;
            throw err;
        }
    }
    async writeFileAtomic(path, data) {
        const tmp = join(dirname(path), `.${process.pid}.${Date.now()}.tmp`);
        const fd = fs.openSync(tmp, 'w', 0o644);
        try {
            fs.writeSync(fd, data);
            await new Promise((resolve, reject) => fs.fsync(fd, (err) => (err ? reject(err) : resolve())));
        }
        finally {
            fs.closeSync(fd);
        }
        fs.renameSync(tmp, path);
        await this.syncDir(dirname(path));
    }
    remove(path) {
        fs.rmSync(path, { force: true });
    }
}
//# sourceMappingURL=log-file-system.js.map